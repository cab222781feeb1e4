package io.gauntlet.envs.physics.spatial;

import io.gauntlet.envs.physics.ContactPairs;
import io.gauntlet.envs.physics.MjcfReader;
import io.gauntlet.envs.physics.Segments;
import io.gauntlet.envs.physics.SoftConstraints;

/**
 * MuJoCo's narrow phase in 3D: the contacts of every geom pair the model lists ({@link SpatialModel#pairs}), in
 * the model's order, at the simulator's current geom poses, with MuJoCo's contact points, distances and frames
 * (mj_collideGeoms' bounding-sphere filters, then mjc_PlaneSphere, mjc_PlaneCapsule, mjc_PlaneBox,
 * mjc_SphereSphere, mjc_SphereCapsule, mjc_CapsuleCapsule, and mju_makeFrame). A contact's frame is its normal
 * (from geom 1 to geom 2) and two tangents, nine numbers.
 */
final class SpatialCollision {
    private final SpatialModel model;
    private final SpatialSim sim;

    // contacts found by the last detect()
    int ncon;
    final int[] pair;
    /** Each contact's first constraint row, or −1 when it lies in the margin's gap (MuJoCo's efc_address). */
    final int[] efcAddress;
    final double[] dist, pos, frame;
    /** The nearest points' parameters on two capsules' segments. */
    private final double[] nearest = new double[2];
    private final double[] a = new double[3], v1 = new double[3], v2 = new double[3];

    SpatialCollision(SpatialModel model, SpatialSim sim) {
        this.model = model;
        this.sim = sim;
        int max = model.pairs.maxContacts(model.geomType);
        pair = new int[max];
        efcAddress = new int[max];
        dist = new double[max];
        pos = new double[3 * max];
        frame = new double[9 * max];
    }

    /** Finds the contacts at the simulator's current geom poses. */
    void detect() {
        SpatialModel m = model;
        double[] gx = sim.geomXpos, gm = sim.geomXmat;
        ncon = 0;
        ContactPairs pairs = m.pairs;
        for (int p = 0; p < pairs.count; p++) {
            int g1 = pairs.geom1[p], g2 = pairs.geom2[p];
            double margin = pairs.margin[p];
            double r1 = m.geomRbound[g1], r2 = m.geomRbound[g2];
            // bounding spheres, and a plane against its partner's
            if (r1 > 0 && r2 > 0) {
                double dx = gx[3 * g1] - gx[3 * g2], dy = gx[3 * g1 + 1] - gx[3 * g2 + 1], dz = gx[3 * g1 + 2] - gx[3 * g2 + 2];
                if (Math.sqrt(dx * dx + dy * dy + dz * dz) > r1 + r2 + margin) continue;
            }
            int t1 = m.geomType[g1], t2 = m.geomType[g2];
            if (t1 == MjcfReader.GEOM_PLANE && r2 > 0) {
                double d = (gx[3 * g2] - gx[3 * g1]) * gm[9 * g1 + 2] + (gx[3 * g2 + 1] - gx[3 * g1 + 1]) * gm[9 * g1 + 5]
                        + (gx[3 * g2 + 2] - gx[3 * g1 + 2]) * gm[9 * g1 + 8];
                if (d > margin + r2) continue;
            }
            int start = ncon;
            switch (t1 * 4 + t2) {
                case MjcfReader.GEOM_PLANE * 4 + MjcfReader.GEOM_SPHERE -> planeSphere(g1, gx, 3 * g2, m.geomSize[3 * g2], margin);
                case MjcfReader.GEOM_PLANE * 4 + MjcfReader.GEOM_CAPSULE -> planeCapsule(g1, g2, margin);
                case MjcfReader.GEOM_PLANE * 4 + MjcfReader.GEOM_BOX -> planeBox(g1, g2, margin);
                case MjcfReader.GEOM_SPHERE * 4 + MjcfReader.GEOM_SPHERE ->
                        sphereSphere(g1, gx, 3 * g1, m.geomSize[3 * g1], g2, gx, 3 * g2, m.geomSize[3 * g2], margin);
                case MjcfReader.GEOM_SPHERE * 4 + MjcfReader.GEOM_CAPSULE -> sphereCapsule(g1, g2, margin);
                case MjcfReader.GEOM_CAPSULE * 4 + MjcfReader.GEOM_CAPSULE -> capsuleCapsule(g1, g2, margin);
                default -> throw new IllegalStateException("no contact function for geom types " + t1 + ", " + t2);
            }
            for (int c = start; c < ncon; c++) {
                pair[c] = p;
                makeFrame(9 * c);
            }
        }
    }

    // ---------------------------------------------------------------- planes

    /** A sphere of radius r centred at c[o..o+2] against plane g1; returns the contacts added (0 or 1). */
    private int planeSphere(int plane, double[] c, int o, double r, double margin) {
        double[] gx = sim.geomXpos, gm = sim.geomXmat;
        double nx = gm[9 * plane + 2], ny = gm[9 * plane + 5], nz = gm[9 * plane + 8];
        double cdist = (c[o] - gx[3 * plane]) * nx + (c[o + 1] - gx[3 * plane + 1]) * ny + (c[o + 2] - gx[3 * plane + 2]) * nz;
        if (cdist > margin + r) return 0;
        int k = ncon++;
        double d = cdist - r;
        dist[k] = d;
        double s = -d / 2 - r;
        pos[3 * k] = c[o] + nx * s;
        pos[3 * k + 1] = c[o + 1] + ny * s;
        pos[3 * k + 2] = c[o + 2] + nz * s;
        setFrame(k, nx, ny, nz, 0, 0, 0);
        return 1;
    }

    /** The capsule's two end spheres against the plane, their frames' first tangent along the capsule. */
    private void planeCapsule(int plane, int capsule, double margin) {
        double[] gx = sim.geomXpos, gm = sim.geomXmat;
        double ax = gm[9 * capsule + 2], ay = gm[9 * capsule + 5], az = gm[9 * capsule + 8];
        double hl = model.geomSize[3 * capsule + 1], r = model.geomSize[3 * capsule];
        double sx = ax * hl, sy = ay * hl, sz = az * hl;
        for (int end = 1; end >= -1; end -= 2) {
            a[0] = gx[3 * capsule] + end * sx;
            a[1] = gx[3 * capsule + 1] + end * sy;
            a[2] = gx[3 * capsule + 2] + end * sz;
            if (planeSphere(plane, a, 0, r, margin) == 1) {
                int k = ncon - 1;
                frame[9 * k + 3] = ax;
                frame[9 * k + 4] = ay;
                frame[9 * k + 5] = az;
            }
        }
    }

    /** The box's corners below its centre and within the margin, the first four in MuJoCo's corner order. */
    private void planeBox(int plane, int box, double margin) {
        double[] gx = sim.geomXpos, gm = sim.geomXmat;
        double nx = gm[9 * plane + 2], ny = gm[9 * plane + 5], nz = gm[9 * plane + 8];
        double d0 = (gx[3 * box] - gx[3 * plane]) * nx + (gx[3 * box + 1] - gx[3 * plane + 1]) * ny + (gx[3 * box + 2] - gx[3 * plane + 2]) * nz;
        int mo = 9 * box;
        int found = 0;
        for (int i = 0; i < 8; i++) {
            double vx = (i & 1) != 0 ? model.geomSize[3 * box] : -model.geomSize[3 * box];
            double vy = (i & 2) != 0 ? model.geomSize[3 * box + 1] : -model.geomSize[3 * box + 1];
            double vz = (i & 4) != 0 ? model.geomSize[3 * box + 2] : -model.geomSize[3 * box + 2];
            double cx = gm[mo] * vx + gm[mo + 1] * vy + gm[mo + 2] * vz;
            double cy = gm[mo + 3] * vx + gm[mo + 4] * vy + gm[mo + 5] * vz;
            double cz = gm[mo + 6] * vx + gm[mo + 7] * vy + gm[mo + 8] * vz;
            double ldist = nx * cx + ny * cy + nz * cz;
            if (d0 + ldist > margin || ldist > 0) continue;
            int k = ncon++;
            double d = d0 + ldist;
            dist[k] = d;
            pos[3 * k] = cx + gx[3 * box] + nx * (-d / 2);
            pos[3 * k + 1] = cy + gx[3 * box + 1] + ny * (-d / 2);
            pos[3 * k + 2] = cz + gx[3 * box + 2] + nz * (-d / 2);
            setFrame(k, nx, ny, nz, 0, 0, 0);
            if (++found >= 4) return;
        }
    }

    // ---------------------------------------------------------------- spheres and capsules

    /**
     * Spheres of geoms g1 and g2 (radii r1, r2) centred at p1[o1..] and p2[o2..]; returns the contacts added. When
     * the centres coincide the normal is the cross product of the geoms' z axes (world x if they are parallel).
     */
    private int sphereSphere(int g1, double[] p1, int o1, double r1, int g2, double[] p2, int o2, double r2, double margin) {
        double dx = p2[o2] - p1[o1], dy = p2[o2 + 1] - p1[o1 + 1], dz = p2[o2 + 2] - p1[o1 + 2];
        double cdist = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (cdist > margin + r1 + r2) return 0;
        int k = ncon++;
        double d = cdist - r1 - r2;
        dist[k] = d;
        int f = 9 * k;
        frame[f] = dx;
        frame[f + 1] = dy;
        frame[f + 2] = dz;
        double len = SpatialMath.normalize3(frame, f);
        if (len < SoftConstraints.MINVAL) {
            double[] gm = sim.geomXmat;
            double ax = gm[9 * g1 + 2], ay = gm[9 * g1 + 5], az = gm[9 * g1 + 8];
            double bx = gm[9 * g2 + 2], by = gm[9 * g2 + 5], bz = gm[9 * g2 + 8];
            frame[f] = ay * bz - az * by;
            frame[f + 1] = az * bx - ax * bz;
            frame[f + 2] = ax * by - ay * bx;
            SpatialMath.normalize3(frame, f);
        }
        double s = r1 + d / 2;
        pos[3 * k] = frame[f] * s + p1[o1];
        pos[3 * k + 1] = frame[f + 1] * s + p1[o1 + 1];
        pos[3 * k + 2] = frame[f + 2] * s + p1[o1 + 2];
        frame[f + 3] = 0;
        frame[f + 4] = 0;
        frame[f + 5] = 0;
        return 1;
    }

    private void sphereCapsule(int sphere, int capsule, double margin) {
        double[] gx = sim.geomXpos, gm = sim.geomXmat;
        double hl = model.geomSize[3 * capsule + 1];
        double ax = gm[9 * capsule + 2] * hl, ay = gm[9 * capsule + 5] * hl, az = gm[9 * capsule + 8] * hl;
        double vx = gx[3 * sphere] - gx[3 * capsule], vy = gx[3 * sphere + 1] - gx[3 * capsule + 1], vz = gx[3 * sphere + 2] - gx[3 * capsule + 2];
        double x = (ax * vx + ay * vy + az * vz) / (ax * ax + ay * ay + az * az);
        x = Segments.clip1(x);
        a[0] = ax * x + gx[3 * capsule];
        a[1] = ay * x + gx[3 * capsule + 1];
        a[2] = az * x + gx[3 * capsule + 2];
        sphereSphere(sphere, gx, 3 * sphere, model.geomSize[3 * sphere], capsule, a, 0, model.geomSize[3 * capsule], margin);
    }

    /** Nearest points of the two segments, clipped as MuJoCo clips them; parallel segments give up to two contacts. */
    private void capsuleCapsule(int g1, int g2, double margin) {
        double[] gx = sim.geomXpos, gm = sim.geomXmat;
        double h1 = model.geomSize[3 * g1 + 1], h2 = model.geomSize[3 * g2 + 1];
        double r1 = model.geomSize[3 * g1], r2 = model.geomSize[3 * g2];
        double a1x = gm[9 * g1 + 2] * h1, a1y = gm[9 * g1 + 5] * h1, a1z = gm[9 * g1 + 8] * h1;
        double a2x = gm[9 * g2 + 2] * h2, a2y = gm[9 * g2 + 5] * h2, a2z = gm[9 * g2 + 8] * h2;
        double dx = gx[3 * g1] - gx[3 * g2], dy = gx[3 * g1 + 1] - gx[3 * g2 + 1], dz = gx[3 * g1 + 2] - gx[3 * g2 + 2];
        double ma = a1x * a1x + a1y * a1y + a1z * a1z;
        double mb = -(a1x * a2x + a1y * a2y + a1z * a2z);
        double mc = a2x * a2x + a2y * a2y + a2z * a2z;
        double u = -(a1x * dx + a1y * dy + a1z * dz);
        double v = a2x * dx + a2y * dy + a2z * dz;
        double det = ma * mc - mb * mb;
        if (Math.abs(det) >= SoftConstraints.MINVAL) {
            Segments.nearest(ma, mb, mc, u, v, det, nearest);
            double x1 = nearest[0], x2 = nearest[1];
            segmentPoints(g1, x1, a1x, a1y, a1z, g2, x2, a2x, a2y, a2z);
            sphereSphere(g1, v1, 0, r1, g2, v2, 0, r2, margin);
            return;
        }
        // parallel: ends of the first against the second, then ends of the second against the first, two at most
        int n = 0;
        for (int end = 1; end >= -1; end -= 2) {
            double x2 = Segments.clip1((v - end * mb) / mc);
            segmentPoints(g1, end, a1x, a1y, a1z, g2, x2, a2x, a2y, a2z);
            n += sphereSphere(g1, v1, 0, r1, g2, v2, 0, r2, margin);
        }
        for (int end = 1; end >= -1 && n < 2; end -= 2) {
            double x1 = Segments.clip1((u - end * mb) / ma);
            segmentPoints(g1, x1, a1x, a1y, a1z, g2, end, a2x, a2y, a2z);
            n += sphereSphere(g1, v1, 0, r1, g2, v2, 0, r2, margin);
        }
    }

    /** v1 = centre of g1 + x1·axis1, v2 = centre of g2 + x2·axis2. */
    private void segmentPoints(int g1, double x1, double a1x, double a1y, double a1z, int g2, double x2, double a2x, double a2y, double a2z) {
        double[] gx = sim.geomXpos;
        point(gx, 3 * g1, x1, a1x, a1y, a1z, v1);
        point(gx, 3 * g2, x2, a2x, a2y, a2z, v2);
    }

    private static void point(double[] gx, int o, double x, double ax, double ay, double az, double[] out) {
        out[0] = ax * x + gx[o];
        out[1] = ay * x + gx[o + 1];
        out[2] = az * x + gx[o + 2];
    }

    // ---------------------------------------------------------------- frames

    private void setFrame(int k, double nx, double ny, double nz, double tx, double ty, double tz) {
        int f = 9 * k;
        frame[f] = nx;
        frame[f + 1] = ny;
        frame[f + 2] = nz;
        frame[f + 3] = tx;
        frame[f + 4] = ty;
        frame[f + 5] = tz;
    }

    /**
     * MuJoCo's mju_makeFrame: the normal, then a first tangent from the hint (a capsule's axis) made orthogonal to it,
     * or world y (world z if the normal is nearly along y) when there is no hint, then their cross product.
     */
    private void makeFrame(int f) {
        SpatialMath.normalize3(frame, f);
        double hx = frame[f + 3], hy = frame[f + 4], hz = frame[f + 5];
        if (Math.sqrt(hx * hx + hy * hy + hz * hz) < 0.5) {
            frame[f + 3] = 0;
            frame[f + 4] = 0;
            frame[f + 5] = 0;
            if (frame[f + 1] < 0.5 && frame[f + 1] > -0.5) frame[f + 4] = 1;
            else frame[f + 5] = 1;
        }
        double d = frame[f] * frame[f + 3] + frame[f + 1] * frame[f + 4] + frame[f + 2] * frame[f + 5];
        frame[f + 3] -= frame[f] * d;
        frame[f + 4] -= frame[f + 1] * d;
        frame[f + 5] -= frame[f + 2] * d;
        SpatialMath.normalize3(frame, f + 3);
        frame[f + 6] = frame[f + 1] * frame[f + 5] - frame[f + 2] * frame[f + 4];
        frame[f + 7] = frame[f + 2] * frame[f + 3] - frame[f] * frame[f + 5];
        frame[f + 8] = frame[f] * frame[f + 4] - frame[f + 1] * frame[f + 3];
    }
}
