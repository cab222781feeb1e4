package io.gauntlet.envs.physics.spatial;

import io.gauntlet.envs.physics.SoftConstraints;

/**
 * The 3D algebra of the spatial engine, as MuJoCo writes it (engine_util_spatial.c): quaternions (w, x, y, z),
 * row-major 3×3 rotation matrices, and the com-based spatial vectors of Featherstone's algorithms, motion
 * {@code [ω; v]} and force {@code [τ; f]}, with a body's inertia stored as MuJoCo's ten numbers
 * {@code (Ixx, Iyy, Izz, Ixy, Ixz, Iyz, m·cx, m·cy, m·cz, m)}. Every operation writes into an array at an offset
 * and allocates nothing.
 */
final class SpatialMath {
    private SpatialMath() {}

    /** res = qa · qb. */
    static void mulQuat(double[] qa, int a, double[] qb, int b, double[] res, int r) {
        double w = qa[a] * qb[b] - qa[a + 1] * qb[b + 1] - qa[a + 2] * qb[b + 2] - qa[a + 3] * qb[b + 3];
        double x = qa[a] * qb[b + 1] + qa[a + 1] * qb[b] + qa[a + 2] * qb[b + 3] - qa[a + 3] * qb[b + 2];
        double y = qa[a] * qb[b + 2] - qa[a + 1] * qb[b + 3] + qa[a + 2] * qb[b] + qa[a + 3] * qb[b + 1];
        double z = qa[a] * qb[b + 3] + qa[a + 1] * qb[b + 2] - qa[a + 2] * qb[b + 1] + qa[a + 3] * qb[b];
        res[r] = w;
        res[r + 1] = x;
        res[r + 2] = y;
        res[r + 3] = z;
    }

    /** res = v rotated by the unit quaternion q (mju_rotVecQuat). */
    static void rotVecQuat(double[] v, int vo, double[] q, int qo, double[] res, int r) {
        double qw = q[qo], qx = q[qo + 1], qy = q[qo + 2], qz = q[qo + 3];
        double v0 = v[vo], v1 = v[vo + 1], v2 = v[vo + 2];
        if (qw == 1 && qx == 0 && qy == 0 && qz == 0) {
            res[r] = v0;
            res[r + 1] = v1;
            res[r + 2] = v2;
            return;
        }
        double t0 = qw * v0 + qy * v2 - qz * v1;
        double t1 = qw * v1 + qz * v0 - qx * v2;
        double t2 = qw * v2 + qx * v1 - qy * v0;
        res[r] = v0 + 2 * (qy * t2 - qz * t1);
        res[r + 1] = v1 + 2 * (qz * t0 - qx * t2);
        res[r + 2] = v2 + 2 * (qx * t1 - qy * t0);
    }

    /** Rotation matrix (row-major) of a unit quaternion (mju_quat2Mat). */
    static void quat2Mat(double[] q, int qo, double[] res, int r) {
        double w = q[qo], x = q[qo + 1], y = q[qo + 2], z = q[qo + 3];
        if (w == 1 && x == 0 && y == 0 && z == 0) {
            for (int i = 0; i < 9; i++) res[r + i] = (i % 4 == 0) ? 1 : 0;
            return;
        }
        double q00 = w * w, q01 = w * x, q02 = w * y, q03 = w * z;
        double q11 = x * x, q12 = x * y, q13 = x * z, q22 = y * y, q23 = y * z, q33 = z * z;
        res[r] = q00 + q11 - q22 - q33;
        res[r + 4] = q00 - q11 + q22 - q33;
        res[r + 8] = q00 - q11 - q22 + q33;
        res[r + 1] = 2 * (q12 - q03);
        res[r + 2] = 2 * (q13 + q02);
        res[r + 3] = 2 * (q12 + q03);
        res[r + 5] = 2 * (q23 - q01);
        res[r + 6] = 2 * (q13 - q02);
        res[r + 7] = 2 * (q23 + q01);
    }

    /** The rotation by {@code angle} about a unit axis (mju_axisAngle2Quat). */
    static void axisAngle2Quat(double[] axis, int ao, double angle, double[] res, int r) {
        if (angle == 0) {
            res[r] = 1;
            res[r + 1] = 0;
            res[r + 2] = 0;
            res[r + 3] = 0;
            return;
        }
        double s = Math.sin(angle * 0.5);
        res[r] = Math.cos(angle * 0.5);
        res[r + 1] = axis[ao] * s;
        res[r + 2] = axis[ao + 1] * s;
        res[r + 3] = axis[ao + 2] * s;
    }

    /** Normalises a quaternion in place (the identity if it is zero); returns its former length. */
    static double normalize4(double[] q, int o) {
        return toUnit(q, o, 4, Math.sqrt(q[o] * q[o] + q[o + 1] * q[o + 1] + q[o + 2] * q[o + 2] + q[o + 3] * q[o + 3]));
    }

    /** Normalises a 3-vector in place (world x if it is zero); returns its former length. */
    static double normalize3(double[] v, int o) {
        return toUnit(v, o, 3, Math.sqrt(v[o] * v[o] + v[o + 1] * v[o + 1] + v[o + 2] * v[o + 2]));
    }

    /** Divides the n values from v[o] by their length {@code norm} (makes them 1, 0, 0, … if it is zero); returns norm. */
    private static double toUnit(double[] v, int o, int n, double norm) {
        if (norm < SoftConstraints.MINVAL) {
            v[o] = 1;
            for (int i = 1; i < n; i++) v[o + i] = 0;
        } else {
            double inv = 1 / norm;
            for (int i = 0; i < n; i++) v[o + i] *= inv;
        }
        return norm;
    }

    /**
     * Integrates a quaternion on the unit sphere over {@code scale} seconds of the angular velocity {@code vel}
     * in the rotated (local) frame: q ← q · exp(½ vel·scale), normalised (mju_quatIntegrate). {@code tmp}: 8 values.
     */
    static void quatIntegrate(double[] q, int qo, double[] vel, int vo, double scale, double[] tmp) {
        tmp[0] = vel[vo];
        tmp[1] = vel[vo + 1];
        tmp[2] = vel[vo + 2];
        double angle = scale * normalize3(tmp, 0);
        axisAngle2Quat(tmp, 0, angle, tmp, 4);
        mulQuat(q, qo, tmp, 4, tmp, 0);
        normalize4(tmp, 0);
        System.arraycopy(tmp, 0, q, qo, 4);
    }

    /** res = M·v for a row-major 3×3 matrix. */
    static void mulMatVec3(double[] m, int mo, double[] v, int vo, double[] res, int r) {
        double v0 = v[vo], v1 = v[vo + 1], v2 = v[vo + 2];
        res[r] = m[mo] * v0 + m[mo + 1] * v1 + m[mo + 2] * v2;
        res[r + 1] = m[mo + 3] * v0 + m[mo + 4] * v1 + m[mo + 5] * v2;
        res[r + 2] = m[mo + 6] * v0 + m[mo + 7] * v1 + m[mo + 8] * v2;
    }

    /** res = Mᵀ·v for a row-major 3×3 matrix. */
    static void mulMatTVec3(double[] m, int mo, double[] v, int vo, double[] res, int r) {
        double v0 = v[vo], v1 = v[vo + 1], v2 = v[vo + 2];
        res[r] = m[mo] * v0 + m[mo + 3] * v1 + m[mo + 6] * v2;
        res[r + 1] = m[mo + 1] * v0 + m[mo + 4] * v1 + m[mo + 7] * v2;
        res[r + 2] = m[mo + 2] * v0 + m[mo + 5] * v1 + m[mo + 8] * v2;
    }

    /**
     * A body's com-based inertia (mju_inertCom): its inertia tensor {@code inert} (Ixx, Iyy, Izz, Ixy, Ixz, Iyz about
     * its centre of mass, in its own frame) rotated by {@code mat} to the world and moved to a point {@code dif}
     * away from its centre of mass, with its mass.
     */
    static void inertCom(double[] inert, int io, double[] mat, int mo, double dx, double dy, double dz, double mass,
                         double[] res, int r) {
        // T = I·Rᵀ, then R·T: the tensor in world axes
        double ixx = inert[io], iyy = inert[io + 1], izz = inert[io + 2];
        double ixy = inert[io + 3], ixz = inert[io + 4], iyz = inert[io + 5];
        double m0 = mat[mo], m1 = mat[mo + 1], m2 = mat[mo + 2], m3 = mat[mo + 3], m4 = mat[mo + 4], m5 = mat[mo + 5];
        double m6 = mat[mo + 6], m7 = mat[mo + 7], m8 = mat[mo + 8];
        // columns of T = I Rᵀ (T[i][j] = Σ_k I[i][k] R[j][k])
        double t00 = ixx * m0 + ixy * m1 + ixz * m2, t01 = ixx * m3 + ixy * m4 + ixz * m5, t02 = ixx * m6 + ixy * m7 + ixz * m8;
        double t10 = ixy * m0 + iyy * m1 + iyz * m2, t11 = ixy * m3 + iyy * m4 + iyz * m5, t12 = ixy * m6 + iyy * m7 + iyz * m8;
        double t20 = ixz * m0 + iyz * m1 + izz * m2, t21 = ixz * m3 + iyz * m4 + izz * m5, t22 = ixz * m6 + iyz * m7 + izz * m8;
        res[r] = m0 * t00 + m1 * t10 + m2 * t20 + mass * (dy * dy + dz * dz);
        res[r + 1] = m3 * t01 + m4 * t11 + m5 * t21 + mass * (dx * dx + dz * dz);
        res[r + 2] = m6 * t02 + m7 * t12 + m8 * t22 + mass * (dx * dx + dy * dy);
        res[r + 3] = m0 * t01 + m1 * t11 + m2 * t21 - mass * dx * dy;
        res[r + 4] = m0 * t02 + m1 * t12 + m2 * t22 - mass * dx * dz;
        res[r + 5] = m3 * t02 + m4 * t12 + m5 * t22 - mass * dy * dz;
        res[r + 6] = mass * dx;
        res[r + 7] = mass * dy;
        res[r + 8] = mass * dz;
        res[r + 9] = mass;
    }

    /** res = I·v: a com-based inertia times a motion vector gives a force (mju_mulInertVec). */
    static void mulInertVec(double[] i, int io, double[] v, int vo, double[] res, int r) {
        double v0 = v[vo], v1 = v[vo + 1], v2 = v[vo + 2], v3 = v[vo + 3], v4 = v[vo + 4], v5 = v[vo + 5];
        res[r] = i[io] * v0 + i[io + 3] * v1 + i[io + 4] * v2 - i[io + 8] * v4 + i[io + 7] * v5;
        res[r + 1] = i[io + 3] * v0 + i[io + 1] * v1 + i[io + 5] * v2 + i[io + 8] * v3 - i[io + 6] * v5;
        res[r + 2] = i[io + 4] * v0 + i[io + 5] * v1 + i[io + 2] * v2 - i[io + 7] * v3 + i[io + 6] * v4;
        res[r + 3] = i[io + 8] * v1 - i[io + 7] * v2 + i[io + 9] * v3;
        res[r + 4] = i[io + 6] * v2 - i[io + 8] * v0 + i[io + 9] * v4;
        res[r + 5] = i[io + 7] * v0 - i[io + 6] * v1 + i[io + 9] * v5;
    }

    /** res = vel ×ₘ v: the derivative of motion v carried by velocity vel (mju_crossMotion). */
    static void crossMotion(double[] vel, int vo, double[] v, int o, double[] res, int r) {
        double w0 = vel[vo], w1 = vel[vo + 1], w2 = vel[vo + 2], u0 = vel[vo + 3], u1 = vel[vo + 4], u2 = vel[vo + 5];
        double a0 = v[o], a1 = v[o + 1], a2 = v[o + 2], b0 = v[o + 3], b1 = v[o + 4], b2 = v[o + 5];
        res[r] = -w2 * a1 + w1 * a2;
        res[r + 1] = w2 * a0 - w0 * a2;
        res[r + 2] = -w1 * a0 + w0 * a1;
        res[r + 3] = -w2 * b1 + w1 * b2 + (-u2 * a1 + u1 * a2);
        res[r + 4] = w2 * b0 - w0 * b2 + (u2 * a0 - u0 * a2);
        res[r + 5] = -w1 * b0 + w0 * b1 + (-u1 * a0 + u0 * a1);
    }

    /** res = vel ×* f: the derivative of force f carried by velocity vel (mju_crossForce). */
    static void crossForce(double[] vel, int vo, double[] f, int o, double[] res, int r) {
        double w0 = vel[vo], w1 = vel[vo + 1], w2 = vel[vo + 2], u0 = vel[vo + 3], u1 = vel[vo + 4], u2 = vel[vo + 5];
        double t0 = f[o], t1 = f[o + 1], t2 = f[o + 2], f0 = f[o + 3], f1 = f[o + 4], f2 = f[o + 5];
        res[r] = -w2 * t1 + w1 * t2 + (-u2 * f1 + u1 * f2);
        res[r + 1] = w2 * t0 - w0 * t2 + (u2 * f0 - u0 * f2);
        res[r + 2] = -w1 * t0 + w0 * t1 + (-u1 * f0 + u0 * f1);
        res[r + 3] = -w2 * f1 + w1 * f2;
        res[r + 4] = w2 * f0 - w0 * f2;
        res[r + 5] = -w1 * f0 + w0 * f1;
    }

    static double dot3(double[] a, int ao, double[] b, int bo) {
        return a[ao] * b[bo] + a[ao + 1] * b[bo + 1] + a[ao + 2] * b[bo + 2];
    }

    static double dot6(double[] a, int ao, double[] b, int bo) {
        return a[ao] * b[bo] + a[ao + 1] * b[bo + 1] + a[ao + 2] * b[bo + 2]
                + a[ao + 3] * b[bo + 3] + a[ao + 4] * b[bo + 4] + a[ao + 5] * b[bo + 5];
    }
}
