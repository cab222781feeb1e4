package io.gauntlet.envs.physics;

/**
 * MuJoCo's narrow phase for the planar engine: the contacts of every geom pair the model lists
 * ({@link PlanarModel#pairs}) at the simulator's current poses, with MuJoCo's contact points, distances and
 * contact frames (mjc_PlaneSphere, mjc_PlaneCapsule, mjc_PlaneBox, mjc_SphereSphere, mjc_SphereCapsule,
 * mjc_CapsuleCapsule, mju_makeFrame).
 *
 * <p>Vectors are kept in the plane's basis (u, v, n), a right-handed orthonormal basis of the world, so MuJoCo's
 * 3D formulas hold unchanged; a frame's u and v components are what moves the model. A contact is kept when its
 * distance is below the pair's margin minus gap, as MuJoCo includes it.
 */
final class Collision {
    private final PlanarModel model;
    private final PlanarSim sim;
    /** World x, y and z axes written in the (u, v, n) basis: MuJoCo's frame completion picks among them. */
    private final double[] worldX = new double[3], worldY = new double[3], worldZ = new double[3];

    // contacts found by the last detect()
    int ncon;
    final int[] pair, body1, body2;
    final double[] dist, posU, posV;
    /** Contact frame in (u, v, n) components: normal (from geom 1 to geom 2), first and second tangent. */
    final double[] normal, tangent1, tangent2;

    // geom world poses of the current step: centre and axis in the plane
    private final double[] gu, gv, gdu, gdv, gcos, gsin;
    private final double[] frame = new double[9];
    /** The nearest points' parameters on two capsules' segments. */
    private final double[] nearest = new double[2];

    Collision(PlanarModel model, PlanarSim sim) {
        this.model = model;
        this.sim = sim;
        double[] n = cross(model.axisU, model.axisV);
        for (int k = 0; k < 3; k++) {
            double[] out = k == 0 ? worldX : k == 1 ? worldY : worldZ;
            out[0] = model.axisU[k];
            out[1] = model.axisV[k];
            out[2] = n[k];
        }
        int max = model.pairs.maxContacts(model.geomType);
        pair = new int[max];
        body1 = new int[max];
        body2 = new int[max];
        dist = new double[max];
        posU = new double[max];
        posV = new double[max];
        normal = new double[3 * max];
        tangent1 = new double[3 * max];
        tangent2 = new double[3 * max];
        int g = model.ngeom;
        gu = new double[g];
        gv = new double[g];
        gdu = new double[g];
        gdv = new double[g];
        gcos = new double[g];
        gsin = new double[g];
    }

    /** Finds the contacts at the simulator's current kinematics. */
    void detect() {
        PlanarModel m = model;
        for (int g = 0; g < m.ngeom; g++) {
            int b = m.geomBody[g];
            double cs = b < 0 ? 1 : sim.bodyCos[b], sn = b < 0 ? 0 : sim.bodySin[b];
            gu[g] = (b < 0 ? 0 : sim.bodyU[b]) + cs * m.geomU[g] - sn * m.geomV[g];
            gv[g] = (b < 0 ? 0 : sim.bodyV[b]) + sn * m.geomU[g] + cs * m.geomV[g];
            gdu[g] = cs * m.geomDirU[g] - sn * m.geomDirV[g];
            gdv[g] = sn * m.geomDirU[g] + cs * m.geomDirV[g];
            gcos[g] = cs;
            gsin[g] = sn;
        }
        ncon = 0;
        ContactPairs pairs = m.pairs;
        for (int p = 0; p < pairs.count; p++) {
            int g1 = pairs.geom1[p], g2 = pairs.geom2[p];
            double margin = pairs.margin[p];
            int start = ncon;
            switch (m.geomType[g1] * 4 + m.geomType[g2]) {
                case PlanarModel.GEOM_PLANE * 4 + PlanarModel.GEOM_SPHERE -> planeSphere(p, g1, gu[g2], gv[g2], m.geomSize0[g2], margin, 0, 0);
                case PlanarModel.GEOM_PLANE * 4 + PlanarModel.GEOM_CAPSULE -> {
                    double au = gdu[g2] * m.geomSize1[g2], av = gdv[g2] * m.geomSize1[g2];
                    planeSphere(p, g1, gu[g2] + au, gv[g2] + av, m.geomSize0[g2], margin, gdu[g2], gdv[g2]);
                    planeSphere(p, g1, gu[g2] - au, gv[g2] - av, m.geomSize0[g2], margin, gdu[g2], gdv[g2]);
                }
                case PlanarModel.GEOM_PLANE * 4 + PlanarModel.GEOM_BOX -> planeBox(p, g1, g2, margin);
                case PlanarModel.GEOM_SPHERE * 4 + PlanarModel.GEOM_SPHERE ->
                        sphereSphere(p, gu[g1], gv[g1], m.geomSize0[g1], gu[g2], gv[g2], m.geomSize0[g2], m.geomN[g2] - m.geomN[g1], margin);
                case PlanarModel.GEOM_SPHERE * 4 + PlanarModel.GEOM_CAPSULE -> sphereCapsule(p, g1, g2, margin);
                case PlanarModel.GEOM_CAPSULE * 4 + PlanarModel.GEOM_CAPSULE -> capsuleCapsule(p, g1, g2, margin);
                default -> throw new IllegalStateException("no contact function for geom types " + m.geomType[g1] + ", " + m.geomType[g2]);
            }
            // keep what lies inside margin − gap, as MuJoCo's exclusion does
            int kept = start;
            for (int c = start; c < ncon; c++) {
                if (dist[c] < margin - pairs.gap[p]) copy(c, kept++);
            }
            for (int c = start; c < kept; c++) {
                pair[c] = p;
                body1[c] = m.geomBody[g1];
                body2[c] = m.geomBody[g2];
            }
            ncon = kept;
        }
    }

    private void copy(int from, int to) {
        if (from == to) return;
        dist[to] = dist[from];
        posU[to] = posU[from];
        posV[to] = posV[from];
        System.arraycopy(normal, 3 * from, normal, 3 * to, 3);
        System.arraycopy(tangent1, 3 * from, tangent1, 3 * to, 3);
        System.arraycopy(tangent2, 3 * from, tangent2, 3 * to, 3);
    }

    /** The ground's normal is +v; (hu, hv) is the capsule axis that orients the frame, or zero. */
    private void planeSphere(int p, int plane, double cu, double cv, double r, double margin, double hu, double hv) {
        double cdist = cv - gv[plane];
        if (cdist > margin + r) return;
        int c = ncon++;
        dist[c] = cdist - r;
        posU[c] = cu;
        posV[c] = cv - (dist[c] / 2 + r);
        setFrame(c, 0, 1, 0, hu, hv, 0);
    }

    /** Corners of the box below its centre and within the margin, the first four in MuJoCo's corner order. */
    private void planeBox(int p, int plane, int box, double margin) {
        PlanarModel m = model;
        double cs = gcos[box], sn = gsin[box];
        double d0 = gv[box] - gv[plane];
        int found = 0;
        for (int i = 0; i < 8 && found < 4; i++) {
            double ru = 0, rv = 0;
            for (int k = 0; k < 3; k++) {
                double s = ((i >> k) & 1) != 0 ? m.geomBoxHalf[3 * box + k] : -m.geomBoxHalf[3 * box + k];
                double au = m.geomBoxAxes[6 * box + 2 * k], av = m.geomBoxAxes[6 * box + 2 * k + 1];
                ru += s * (cs * au - sn * av);
                rv += s * (sn * au + cs * av);
            }
            if (d0 + rv > margin || rv > 0) continue;
            int c = ncon++;
            dist[c] = d0 + rv;
            posU[c] = gu[box] + ru;
            posV[c] = gv[box] + rv - dist[c] / 2;
            setFrame(c, 0, 1, 0, 0, 0, 0);
            found++;
        }
    }

    /** Spheres at (u1, v1) and (u2, v2), the second {@code dn} further along the plane's normal. */
    private void sphereSphere(int p, double u1, double v1, double r1, double u2, double v2, double r2, double dn, double margin) {
        double du = u2 - u1, dv = v2 - v1;
        double cdist = Math.sqrt(du * du + dv * dv + dn * dn);
        if (cdist > margin + r1 + r2) return;
        int c = ncon++;
        dist[c] = cdist - r1 - r2;
        double nu, nv, nn;
        if (cdist < SoftConstraints.MINVAL) {
            // coincident centres: MuJoCo takes the cross product of the geoms' z axes, both ⟂ n here, or world x
            nu = worldX[0];
            nv = worldX[1];
            nn = worldX[2];
        } else {
            nu = du / cdist;
            nv = dv / cdist;
            nn = dn / cdist;
        }
        double s = r1 + dist[c] / 2;
        posU[c] = u1 + nu * s;
        posV[c] = v1 + nv * s;
        setFrame(c, nu, nv, nn, 0, 0, 0);
    }

    private void sphereCapsule(int p, int sphere, int capsule, double margin) {
        PlanarModel m = model;
        double au = gdu[capsule] * m.geomSize1[capsule], av = gdv[capsule] * m.geomSize1[capsule];
        double x = (au * (gu[sphere] - gu[capsule]) + av * (gv[sphere] - gv[capsule])) / (au * au + av * av);
        x = Math.max(-1, Math.min(1, x));
        sphereSphere(p, gu[sphere], gv[sphere], m.geomSize0[sphere], gu[capsule] + x * au, gv[capsule] + x * av,
                m.geomSize0[capsule], m.geomN[capsule] - m.geomN[sphere], margin);
    }

    /** Nearest points of the two segments, clipped as MuJoCo clips them; parallel segments give up to two contacts. */
    private void capsuleCapsule(int p, int g1, int g2, double margin) {
        PlanarModel m = model;
        double a1u = gdu[g1] * m.geomSize1[g1], a1v = gdv[g1] * m.geomSize1[g1];
        double a2u = gdu[g2] * m.geomSize1[g2], a2v = gdv[g2] * m.geomSize1[g2];
        double du = gu[g1] - gu[g2], dv = gv[g1] - gv[g2], dn = m.geomN[g2] - m.geomN[g1];
        double r1 = m.geomSize0[g1], r2 = m.geomSize0[g2];
        double ma = a1u * a1u + a1v * a1v;
        double mb = -(a1u * a2u + a1v * a2v);
        double mc = a2u * a2u + a2v * a2v;
        double u = -(a1u * du + a1v * dv);
        double v = a2u * du + a2v * dv;
        double det = ma * mc - mb * mb;
        if (Math.abs(det) >= SoftConstraints.MINVAL) {
            Segments.nearest(ma, mb, mc, u, v, det, nearest);
            double x1 = nearest[0], x2 = nearest[1];
            sphereSphere(p, gu[g1] + x1 * a1u, gv[g1] + x1 * a1v, r1, gu[g2] + x2 * a2u, gv[g2] + x2 * a2v, r2, dn, margin);
            return;
        }
        int before = ncon;
        // parallel: ends of the first against the second, then ends of the second against the first, two at most
        for (int end = 1; end >= -1; end -= 2) {
            double x2 = Segments.clip1((v - end * mb) / mc);
            sphereSphere(p, gu[g1] + end * a1u, gv[g1] + end * a1v, r1, gu[g2] + x2 * a2u, gv[g2] + x2 * a2v, r2, dn, margin);
        }
        for (int end = 1; end >= -1 && ncon - before < 2; end -= 2) {
            double x1 = Segments.clip1((u - end * mb) / ma);
            sphereSphere(p, gu[g1] + x1 * a1u, gv[g1] + x1 * a1v, r1, gu[g2] + end * a2u, gv[g2] + end * a2v, r2, dn, margin);
        }
    }

    /**
     * MuJoCo's mju_makeFrame: the normal, then a first tangent from the hint (a capsule's axis) made orthogonal to
     * it, or world y (world z if the normal is nearly along y) when there is no hint, then their cross product.
     */
    private void setFrame(int c, double nu, double nv, double nn, double hu, double hv, double hn) {
        double[] f = frame;
        f[0] = nu;
        f[1] = nv;
        f[2] = nn;
        normalize(f, 0);
        f[3] = hu;
        f[4] = hv;
        f[5] = hn;
        if (Math.sqrt(hu * hu + hv * hv + hn * hn) < 0.5) {
            double ny = f[0] * worldY[0] + f[1] * worldY[1] + f[2] * worldY[2];
            double[] h = ny < 0.5 && ny > -0.5 ? worldY : worldZ;
            f[3] = h[0];
            f[4] = h[1];
            f[5] = h[2];
        }
        double d = f[0] * f[3] + f[1] * f[4] + f[2] * f[5];
        f[3] -= d * f[0];
        f[4] -= d * f[1];
        f[5] -= d * f[2];
        normalize(f, 3);
        f[6] = f[1] * f[5] - f[2] * f[4];
        f[7] = f[2] * f[3] - f[0] * f[5];
        f[8] = f[0] * f[4] - f[1] * f[3];
        System.arraycopy(f, 0, normal, 3 * c, 3);
        System.arraycopy(f, 3, tangent1, 3 * c, 3);
        System.arraycopy(f, 6, tangent2, 3 * c, 3);
    }

    /** MuJoCo's mju_normalize3: a vector too short to normalise becomes world x. */
    private void normalize(double[] f, int o) {
        double len = Math.sqrt(f[o] * f[o] + f[o + 1] * f[o + 1] + f[o + 2] * f[o + 2]);
        if (len < SoftConstraints.MINVAL) {
            System.arraycopy(worldX, 0, f, o, 3);
        } else {
            f[o] /= len;
            f[o + 1] /= len;
            f[o + 2] /= len;
        }
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
