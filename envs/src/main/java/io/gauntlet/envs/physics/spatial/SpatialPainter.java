package io.gauntlet.envs.physics.spatial;

import io.gauntlet.envs.physics.MjcfReader;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Draws a {@link SpatialSim}'s state in perspective: a chequered ground (1 m tiles) with the bodies' shadows cast
 * straight down, then every geom far to near (spheres as discs, capsules as thick round-capped strokes, boxes as
 * their visible faces), lit from above. The camera looks at the model's centre of mass from the side and a little
 * above, following it over the ground, at a distance sized from the model's extent in its reference pose. Drawing
 * poses a simulator of the painter's own, so the one drawn keeps what its last evaluation computed.
 */
public final class SpatialPainter {
    /** Camera direction: azimuth from −y towards +x, and elevation above the horizon. */
    private static final double AZIMUTH = Math.toRadians(30), ELEVATION = Math.toRadians(20);
    private static final double FIELD_OF_VIEW = Math.toRadians(45);
    private static final double[] LIGHT = normalized(0.3, -0.4, 1);

    private final SpatialModel model;
    private final int width, height;
    private final double distance, targetHeight, focal;
    /** Camera basis: right, up, forward (into the scene). */
    private final double[] right, up, forward;
    private final boolean hasPlane;
    /** The painter's own simulator, posed as the one drawn: drawing leaves that one's last evaluation untouched. */
    private final SpatialSim view;

    public SpatialPainter(SpatialModel model, int width, int height) {
        this.model = model;
        this.width = width;
        this.height = height;
        SpatialSim probe = new SpatialSim(model);
        view = probe;
        double[] com = new double[3];
        probe.subtreeCenterOfMass(0, com);
        double extent = 0.2;
        boolean plane = false;
        for (int g = 0; g < model.ngeom; g++) {
            if (model.geomType[g] == MjcfReader.GEOM_PLANE) {
                plane = true;
                continue;
            }
            double dx = probe.geomXpos[3 * g] - com[0], dy = probe.geomXpos[3 * g + 1] - com[1], dz = probe.geomXpos[3 * g + 2] - com[2];
            extent = Math.max(extent, Math.sqrt(dx * dx + dy * dy + dz * dz) + model.geomRbound[g]);
        }
        hasPlane = plane;
        focal = 0.5 * Math.min(width, height) / Math.tan(FIELD_OF_VIEW / 2);
        distance = 1.25 * extent / Math.tan(FIELD_OF_VIEW / 2) + extent;
        targetHeight = com[2];
        forward = normalized(-Math.sin(AZIMUTH) * Math.cos(ELEVATION), Math.cos(AZIMUTH) * Math.cos(ELEVATION), -Math.sin(ELEVATION));
        right = normalized(forward[1], -forward[0], 0);
        up = cross(right, forward);
    }

    /** Paints the simulator's current state, with an optional caption, into {@code image}. */
    public void paint(SpatialSim drawn, BufferedImage image, String caption) {
        SpatialSim sim = view;
        System.arraycopy(drawn.qpos, 0, sim.qpos, 0, model.nq);
        sim.kinematicsOnly();
        double[] com = new double[3];
        sim.subtreeCenterOfMass(0, com);
        double[] target = {com[0], com[1], hasPlane ? targetHeight : com[2]};
        double[] eye = {target[0] - distance * forward[0], target[1] - distance * forward[1], target[2] - distance * forward[2]};
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xDCE6F0));
        g.fillRect(0, 0, width, height);
        Projection p = new Projection(eye);
        if (hasPlane) {
            ground(g, p, target);
            shadows(g, p, sim);
        }
        Integer[] order = new Integer[model.ngeom];
        double[] depth = new double[model.ngeom];
        for (int k = 0; k < model.ngeom; k++) {
            order[k] = k;
            depth[k] = p.depth(sim.geomXpos, 3 * k);
        }
        Arrays.sort(order, (a, b) -> Double.compare(depth[b], depth[a]));
        for (int k : order) geom(g, p, sim, k);
        if (caption != null) {
            g.setColor(new Color(0x303030));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, height / 28)));
            g.drawString(caption, 8, 8 + g.getFontMetrics().getAscent());
        }
        g.dispose();
    }

    /** Pinhole projection from the eye along the camera basis. */
    private final class Projection {
        final double[] eye;
        double x, y; // the last projected point, in pixels

        Projection(double[] eye) {
            this.eye = eye;
        }

        double depth(double[] v, int o) {
            return (v[o] - eye[0]) * forward[0] + (v[o + 1] - eye[1]) * forward[1] + (v[o + 2] - eye[2]) * forward[2];
        }

        /** Projects the point (px, py, pz); false when it lies behind the camera. */
        boolean project(double px, double py, double pz) {
            double dx = px - eye[0], dy = py - eye[1], dz = pz - eye[2];
            double d = dx * forward[0] + dy * forward[1] + dz * forward[2];
            if (d < 0.05) return false;
            x = width / 2.0 + focal * (dx * right[0] + dy * right[1] + dz * right[2]) / d;
            y = height / 2.0 - focal * (dx * up[0] + dy * up[1] + dz * up[2]) / d;
            return true;
        }

        /** Pixels per metre at depth d. */
        double scale(double d) {
            return focal / Math.max(0.05, d);
        }
    }

    /** One-metre tiles of the ground z = 0 around the target, far rows first. */
    private void ground(Graphics2D g, Projection p, double[] target) {
        int reach = (int) Math.ceil(distance * 1.5) + 2;
        int cx = (int) Math.floor(target[0]), cy = (int) Math.floor(target[1]);
        for (int j = cy + reach; j >= cy - reach; j--) {
            for (int i = cx - reach; i <= cx + reach; i++) {
                Path2D tile = new Path2D.Double();
                boolean visible = true;
                double[][] corners = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
                for (int c = 0; c < 4 && visible; c++) {
                    visible = p.project(corners[c][0], corners[c][1], 0);
                    if (c == 0) tile.moveTo(p.x, p.y);
                    else tile.lineTo(p.x, p.y);
                }
                if (!visible) continue;
                tile.closePath();
                g.setColor(((i + j) & 1) == 0 ? new Color(0xB8C8A8) : new Color(0xA8BA98));
                g.fill(tile);
            }
        }
    }

    /** Every geom's outline dropped straight onto the ground, darkened. */
    private void shadows(Graphics2D g, Projection p, SpatialSim sim) {
        g.setColor(new Color(0, 0, 0, 50));
        for (int k = 0; k < model.ngeom; k++) {
            int type = model.geomType[k];
            if (type == MjcfReader.GEOM_PLANE) continue;
            double x = sim.geomXpos[3 * k], y = sim.geomXpos[3 * k + 1];
            double r = model.geomSize[3 * k];
            if (type == MjcfReader.GEOM_CAPSULE) {
                double hl = model.geomSize[3 * k + 1];
                double ax = sim.geomXmat[9 * k + 2] * hl, ay = sim.geomXmat[9 * k + 5] * hl;
                stroke(g, p, x - ax, y - ay, 0, x + ax, y + ay, 0, r, new Color(0, 0, 0, 50), null);
            } else {
                if (type == MjcfReader.GEOM_BOX) r = Math.hypot(model.geomSize[3 * k], model.geomSize[3 * k + 1]);
                if (!p.project(x, y, 0)) continue;
                double sr = r * p.scale(p.depth(new double[] {x, y, 0}, 0));
                g.fill(new Ellipse2D.Double(p.x - sr, p.y - sr * Math.sin(ELEVATION), 2 * sr, 2 * sr * Math.sin(ELEVATION)));
            }
        }
    }

    private void geom(Graphics2D g, Projection p, SpatialSim sim, int k) {
        int type = model.geomType[k];
        if (type == MjcfReader.GEOM_PLANE) return;
        Color base = new Color(model.geomRgb[k]);
        double x = sim.geomXpos[3 * k], y = sim.geomXpos[3 * k + 1], z = sim.geomXpos[3 * k + 2];
        double r = model.geomSize[3 * k];
        switch (type) {
            case MjcfReader.GEOM_SPHERE -> {
                if (!p.project(x, y, z)) return;
                double sr = r * p.scale(p.depth(sim.geomXpos, 3 * k));
                g.setColor(shade(base, 0.8));
                g.fill(new Ellipse2D.Double(p.x - sr, p.y - sr, 2 * sr, 2 * sr));
                g.setColor(shade(base, 1.05));
                g.fill(new Ellipse2D.Double(p.x - 0.55 * sr, p.y - 0.75 * sr, 0.9 * sr, 0.9 * sr));
                g.setColor(base.darker());
                g.setStroke(new BasicStroke(1f));
                g.draw(new Ellipse2D.Double(p.x - sr, p.y - sr, 2 * sr, 2 * sr));
            }
            case MjcfReader.GEOM_CAPSULE -> {
                double hl = model.geomSize[3 * k + 1];
                double ax = sim.geomXmat[9 * k + 2] * hl, ay = sim.geomXmat[9 * k + 5] * hl, az = sim.geomXmat[9 * k + 8] * hl;
                stroke(g, p, x - ax, y - ay, z - az, x + ax, y + ay, z + az, r, shade(base, 0.85), base.darker());
            }
            default -> box(g, p, sim, k, base);
        }
    }

    /** A segment drawn as a round-capped stroke of the given radius (at the segment's mean depth), outlined if asked. */
    private void stroke(Graphics2D g, Projection p, double x0, double y0, double z0, double x1, double y1, double z1,
                        double r, Color fill, Color outline) {
        if (!p.project(x0, y0, z0)) return;
        double sx0 = p.x, sy0 = p.y;
        if (!p.project(x1, y1, z1)) return;
        double[] mid = {(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2};
        float w = (float) (2 * r * p.scale(p.depth(mid, 0)));
        Line2D seg = new Line2D.Double(sx0, sy0, p.x, p.y);
        if (outline != null) {
            g.setColor(outline);
            g.setStroke(new BasicStroke(w + 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(seg);
        }
        g.setColor(fill);
        g.setStroke(new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(seg);
    }

    /** A box's faces that look towards the camera, far first, shaded by how they face the light. */
    private void box(Graphics2D g, Projection p, SpatialSim sim, int k, Color base) {
        double[] m = sim.geomXmat;
        int mo = 9 * k;
        double[] half = {model.geomSize[3 * k], model.geomSize[3 * k + 1], model.geomSize[3 * k + 2]};
        for (int axis = 0; axis < 3; axis++) {
            for (int side = -1; side <= 1; side += 2) {
                double nx = side * m[mo + axis], ny = side * m[mo + 3 + axis], nz = side * m[mo + 6 + axis];
                double cx = sim.geomXpos[3 * k] + nx * half[axis], cy = sim.geomXpos[3 * k + 1] + ny * half[axis],
                        cz = sim.geomXpos[3 * k + 2] + nz * half[axis];
                double toEye = (p.eye[0] - cx) * nx + (p.eye[1] - cy) * ny + (p.eye[2] - cz) * nz;
                if (toEye <= 0) continue;
                int a1 = (axis + 1) % 3, a2 = (axis + 2) % 3;
                Path2D face = new Path2D.Double();
                double[][] signs = {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}};
                for (int c = 0; c < 4; c++) {
                    double s1 = signs[c][0] * half[a1], s2 = signs[c][1] * half[a2];
                    if (!p.project(cx + m[mo + a1] * s1 + m[mo + a2] * s2, cy + m[mo + 3 + a1] * s1 + m[mo + 3 + a2] * s2,
                            cz + m[mo + 6 + a1] * s1 + m[mo + 6 + a2] * s2)) return;
                    if (c == 0) face.moveTo(p.x, p.y);
                    else face.lineTo(p.x, p.y);
                }
                face.closePath();
                double light = nx * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2];
                g.setColor(shade(base, 0.6 + 0.4 * Math.max(0, light)));
                g.fill(face);
                g.setColor(base.darker());
                g.setStroke(new BasicStroke(1f));
                g.draw(face);
            }
        }
    }

    private static Color shade(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static double[] normalized(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / n, y / n, z / n};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
