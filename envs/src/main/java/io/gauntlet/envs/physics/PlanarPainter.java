package io.gauntlet.envs.physics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws a {@link PlanarSim}'s bodies in the plane of motion (u to the right, v up): the ground with distance
 * marks, every geom in its colour, and a camera that follows the model's centre of mass along the ground (in both
 * directions for a model seen from above, e.g. the swimmer; fixed for a cart on a rail).
 */
public final class PlanarPainter {
    private final PlanarModel model;
    private final double scale; // pixels per metre
    private final double cameraU, cameraV;

    public PlanarPainter(PlanarModel model, int width, int height) {
        this.model = model;
        // size the view from the model's extent in its reference pose
        PlanarSim probe = new PlanarSim(model);
        double minU = Double.POSITIVE_INFINITY, maxU = Double.NEGATIVE_INFINITY;
        double minV = Double.POSITIVE_INFINITY, maxV = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < model.ngeom; g++) {
            if (model.geomType[g] == PlanarModel.GEOM_PLANE) continue;
            int b = model.geomBody[g];
            double cu = model.geomU[g], cv = model.geomV[g];
            if (b >= 0) {
                cu = probe.bodyU[b] + probe.bodyCos[b] * model.geomU[g] - probe.bodySin[b] * model.geomV[g];
                cv = probe.bodyV[b] + probe.bodySin[b] * model.geomU[g] + probe.bodyCos[b] * model.geomV[g];
            }
            double r = model.geomSize0[g] + model.geomSize1[g];
            minU = Math.min(minU, cu - r);
            maxU = Math.max(maxU, cu + r);
            minV = Math.min(minV, cv - r);
            maxV = Math.max(maxV, cv + r);
        }
        if (model.hasGround) minV = Math.min(minV, model.groundHeight);
        double extent = Math.max((maxU - minU) / 0.6, (maxV - minV) / 0.7);
        this.scale = Math.min(width, height) / Math.max(extent, 0.5);
        this.cameraU = (minU + maxU) / 2;
        this.cameraV = model.hasGround ? model.groundHeight + (maxV - model.groundHeight) / 2 : (minV + maxV) / 2;
    }

    /** Paints the simulator's current state, with an optional caption, into {@code image}. */
    public void paint(PlanarSim sim, BufferedImage image, String caption) {
        sim.forward();
        int w = image.getWidth(), hgt = image.getHeight();
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double[] com = sim.centerOfMass();
        // seen from above (no gravity in the plane) the camera follows in both directions; otherwise only along u,
        // and not at all for tasks on a rail (no ground), whose motion is the point of the picture
        boolean fromAbove = model.gravityU == 0 && model.gravityV == 0;
        double camU = model.hasGround || fromAbove ? com[0] : cameraU;
        double camV = fromAbove ? com[1] : cameraV;
        double ox = w / 2.0 - camU * scale, oy = hgt / 2.0 + camV * scale; // screen = (ox + u·s, oy − v·s)

        g.setColor(new Color(0xE8F0F8));
        g.fillRect(0, 0, w, hgt);
        if (model.hasGround) {
            int gy = (int) Math.round(oy - model.groundHeight * scale);
            g.setColor(new Color(0xB8CCA8));
            g.fillRect(0, gy, w, hgt - gy);
            g.setColor(new Color(0x55704A));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(0, gy, w, gy);
            marks(g, ox, camU, w, gy, gy + 8);
        } else {
            g.setColor(new Color(0xC8D8E8));
            marks(g, ox, camU, w, 0, hgt);
        }
        for (int k = 0; k < model.ngeom; k++) {
            int b = model.geomBody[k];
            double cs = b < 0 ? 1 : sim.bodyCos[b], sn = b < 0 ? 0 : sim.bodySin[b];
            double cu = (b < 0 ? 0 : sim.bodyU[b]) + cs * model.geomU[k] - sn * model.geomV[k];
            double cv = (b < 0 ? 0 : sim.bodyV[b]) + sn * model.geomU[k] + cs * model.geomV[k];
            double du = cs * model.geomDirU[k] - sn * model.geomDirV[k];
            double dv = sn * model.geomDirU[k] + cs * model.geomDirV[k];
            Color fill = new Color(model.geomRgb[k]);
            double x = ox + cu * scale, y = oy - cv * scale;
            switch (model.geomType[k]) {
                case PlanarModel.GEOM_PLANE -> { } // the ground is drawn above
                case PlanarModel.GEOM_CAPSULE -> {
                    double hl = model.geomSize1[k] * scale, r = model.geomSize0[k] * scale;
                    Line2D seg = new Line2D.Double(x - du * hl, y + dv * hl, x + du * hl, y - dv * hl);
                    g.setColor(fill.darker());
                    g.setStroke(new BasicStroke((float) (2 * r + 2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(seg);
                    g.setColor(fill);
                    g.setStroke(new BasicStroke((float) (2 * r), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(seg);
                }
                case PlanarModel.GEOM_SPHERE -> {
                    double r = model.geomSize0[k] * scale;
                    g.setColor(fill);
                    g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                    g.setColor(fill.darker());
                    g.setStroke(new BasicStroke(1f));
                    g.draw(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
                }
                default -> {
                    double a = model.geomSize0[k] * scale, c = model.geomSize1[k] * scale;
                    Path2D p = new Path2D.Double();
                    double[][] corners = {{a, c}, {-a, c}, {-a, -c}, {a, -c}};
                    for (int i = 0; i < 4; i++) {
                        double pu = corners[i][0] * du - corners[i][1] * dv;
                        double pv = corners[i][0] * dv + corners[i][1] * du;
                        if (i == 0) p.moveTo(x + pu, y - pv);
                        else p.lineTo(x + pu, y - pv);
                    }
                    p.closePath();
                    g.setColor(fill);
                    g.fill(p);
                    g.setColor(fill.darker());
                    g.setStroke(new BasicStroke(1f));
                    g.draw(p);
                }
            }
        }
        if (caption != null) {
            g.setColor(new Color(0x303030));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, hgt / 28)));
            g.drawString(caption, 8, 8 + g.getFontMetrics().getAscent());
        }
        g.dispose();
    }

    /** Tick marks every half metre so that the following camera still shows motion. */
    private void marks(Graphics2D g, double ox, double camU, int w, int y0, int y1) {
        g.setStroke(new BasicStroke(1f));
        double halfWidth = w / 2.0 / scale;
        for (double u = Math.floor((camU - halfWidth) * 2) / 2; u <= camU + halfWidth; u += 0.5) {
            int x = (int) Math.round(ox + u * scale);
            g.drawLine(x, y0, x, y1);
        }
    }
}
