package io.gauntlet.envs.physics;

import io.gauntlet.core.env.Snapshot;
import java.util.Arrays;

/**
 * Simulates a {@link PlanarModel} in generalised coordinates: qpos and qvel in MuJoCo's order, so joints never
 * drift apart.
 *
 * <p>One {@link #step()} advances one model timestep:
 * <ol>
 *   <li>Kinematics: a forward pass over the tree gives every body's pose, velocity and velocity-product
 *       ("bias") acceleration, and every joint's world anchor.
 *   <li>Dynamics: the joint-space mass matrix {@code M = Σ m Jᵀ J + I JωᵀJω} (+ armature) from each body's
 *       centre-of-mass Jacobian (composite-rigid-body in Jacobian form, n ≤ 9), bias forces
 *       {@code C = Σ m Jᵀ (a_bias − g)}, passive forces (damping, stiffness, fluid drag) and motors
 *       {@code gear · clip(ctrl, ctrlrange)}; {@code M q̈ = τ − C} by Cholesky.
 *   <li>Constraints: ground contacts (sphere centres of capsule ends and spheres, box corners) with Coulomb
 *       friction and joint limits are solved once per step at the velocity level: projected Gauss-Seidel on the
 *       impulses, the friction impulse kept inside {@code ±μ λ_n}, with a speculative margin (a gap may close
 *       in one step but not overshoot) and Baumgarte correction of {@link #BAUMGARTE} of any penetration per
 *       step. Resting penetration settles below {@link #SINK_TOLERANCE}. {@link #qfrcConstraint} reports the
 *       impulse as a force (impulse / h).
 *   <li>Integration with the model's integrator: semi-implicit Euler with implicit joint damping
 *       ({@code (M + h D) q̈ = f}, as MuJoCo's Euler; the impulse acts as a constant force over the step) or
 *       classic RK4 (the impulse is applied to the velocity at the start of the step, then four smooth stages).
 * </ol>
 * Nothing is allocated after construction.
 */
public final class PlanarSim {
    /** Fraction of a penetration removed per step. */
    public static final double BAUMGARTE = 0.2;
    /** Contacts and limits closer than this are included in the solve (speculatively, if still apart). */
    public static final double CONTACT_MARGIN = 0.01;
    public static final double LIMIT_MARGIN = 0.02;
    /** Documented bound on resting penetration into the ground, in metres. */
    public static final double SINK_TOLERANCE = 1e-3;
    /** Cap on the speed at which a penetration is pushed out (m/s, rad/s), so a bad initial state cannot launch bodies. */
    public static final double MAX_CORRECTION_SPEED = 1.0;
    private static final int PGS_ITERATIONS = 40;
    /** PGS stops when no impulse changes a constraint velocity by more than this (m/s). */
    private static final double PGS_TOLERANCE = 1e-7;

    public final PlanarModel model;
    private final int nv, nb;
    private final double h;

    public final double[] qpos, qvel, ctrl;
    /** Generalised constraint force of the last step (contacts and limits), MuJoCo's qfrc_constraint. */
    public final double[] qfrcConstraint;
    public double time;

    // kinematics, per body: angle, origin, COM (world), velocities, bias accelerations.
    // The public ones are current after forward() (the simulator updates them lazily).
    public final double[] bodyAngle, bodyCos, bodySin, bodyU, bodyV, comU, comV;
    private final double[] bodyVu, bodyVv, bodyAu, bodyAv, bodyW, comVu, comVv, comAu, comAv;
    // per joint: world anchor (hinges), world axis (slides)
    private final double[] anchorU, anchorV, axisWu, axisWv;
    // COM Jacobians, per body along bodyDofs
    private final int[] jacStart;
    private final double[] jacU, jacV, jacW;
    private boolean kinematicsStale;

    private final double[] mass, chol, force, qacc, tmp, scratch, scratch2;
    // RK4 state
    private final double[] q0, v0, dq, dv;
    // constraint rows
    private final int maxRows;
    private final double[] rowJ, rowW, rowDiag, rowB, lambda, rowMu, vel, lambdaCache;
    private final int[] rowPair, rowSource;
    private int nrows;
    /** Diagnostics: total PGS sweeps and constraint rows so far. */
    public long pgsIterations, rowsSolved;

    public PlanarSim(PlanarModel model) {
        this.model = model;
        this.nv = model.nv;
        this.nb = model.nbody;
        this.h = model.timestep;
        qpos = model.qpos0();
        qvel = new double[nv];
        ctrl = new double[model.nu];
        qfrcConstraint = new double[nv];
        bodyAngle = new double[nb];
        bodyCos = new double[nb];
        bodySin = new double[nb];
        bodyU = new double[nb];
        bodyV = new double[nb];
        comU = new double[nb];
        comV = new double[nb];
        bodyVu = new double[nb];
        bodyVv = new double[nb];
        bodyAu = new double[nb];
        bodyAv = new double[nb];
        bodyW = new double[nb];
        comVu = new double[nb];
        comVv = new double[nb];
        comAu = new double[nb];
        comAv = new double[nb];
        anchorU = new double[nv];
        anchorV = new double[nv];
        axisWu = new double[nv];
        axisWv = new double[nv];
        jacStart = new int[nb + 1];
        for (int b = 0; b < nb; b++) jacStart[b + 1] = jacStart[b] + model.bodyDofs[b].length;
        jacU = new double[jacStart[nb]];
        jacV = new double[jacStart[nb]];
        jacW = new double[jacStart[nb]];
        for (int b = 0; b < nb; b++) {
            int[] dofs = model.bodyDofs[b];
            for (int k = 0; k < dofs.length; k++) {
                int j = dofs[k];
                jacW[jacStart[b] + k] = model.jointType[j] == PlanarModel.HINGE ? model.jointSign[j] : 0;
            }
        }
        mass = new double[nv * nv];
        chol = new double[nv * nv];
        scratch = new double[nv];
        scratch2 = new double[nv];
        force = new double[nv];
        qacc = new double[nv];
        tmp = new double[nv];
        q0 = new double[nv];
        v0 = new double[nv];
        dq = new double[nv];
        dv = new double[nv];
        maxRows = 2 * model.ncontact + nv;
        rowJ = new double[maxRows * nv];
        rowW = new double[maxRows * nv];
        rowDiag = new double[maxRows];
        rowB = new double[maxRows];
        rowSource = new int[maxRows];
        vel = new double[nv];
        lambdaCache = new double[2 * model.ncontact + nv];
        lambda = new double[maxRows];
        rowMu = new double[maxRows];
        rowPair = new int[maxRows];
        forward();
    }

    /** Puts the model at rest in its reference pose. */
    public void reset() {
        System.arraycopy(model.jointRef, 0, qpos, 0, nv);
        Arrays.fill(qvel, 0);
        Arrays.fill(ctrl, 0);
        Arrays.fill(qfrcConstraint, 0);
        Arrays.fill(lambdaCache, 0);
        time = 0;
        forward();
    }

    /**
     * Values {@link #saveState} writes: qpos, qvel, ctrl, the last constraint force, the solver's warm start and the
     * time, which is all the next steps depend on (body poses and the rest are recomputed from qpos and qvel).
     */
    public int stateSize() {
        return qpos.length + qvel.length + ctrl.length + qfrcConstraint.length + lambdaCache.length + 1;
    }

    public void saveState(Snapshot.Writer w) {
        w.put(qpos).put(qvel).put(ctrl).put(qfrcConstraint).put(lambdaCache).put(time);
    }

    /** Restores what {@link #saveState} wrote and recomputes the kinematics. */
    public void restoreState(Snapshot.Reader r) {
        r.get(qpos);
        r.get(qvel);
        r.get(ctrl);
        r.get(qfrcConstraint);
        r.get(lambdaCache);
        time = r.getDouble();
        forward();
    }

    /** Recomputes the kinematics (body poses) for the current qpos/qvel, e.g. after setting them by hand. */
    public void forward() {
        kinematics(qpos, qvel);
    }

    private void ensureKinematics() {
        if (kinematicsStale) kinematics(qpos, qvel);
    }

    /** Advances one timestep with the current {@link #ctrl}. */
    public void step() {
        // 1. dynamics at the start of the step and the unconstrained velocity
        boolean euler = model.integrator == PlanarModel.INTEGRATOR_EULER;
        kinematics(qpos, qvel);
        dynamics(qpos, qvel, euler ? h : 0);
        solveInPlace(force, qacc); // qacc = M⁻¹ (τ − C), free acceleration

        // 2. contacts and limits: impulses on the velocity level
        for (int i = 0; i < nv; i++) tmp[i] = qvel[i] + h * qacc[i]; // free end-of-step velocity
        buildConstraints(tmp);
        Arrays.fill(qfrcConstraint, 0);
        if (nrows > 0) {
            solveConstraints(tmp);
            for (int r = 0; r < nrows; r++) {
                double l = lambda[r];
                if (l == 0) continue;
                int o = r * nv;
                for (int i = 0; i < nv; i++) qfrcConstraint[i] += rowJ[o + i] * l / h;
            }
            if (euler) {
                // semi-implicit Euler: the impulse acts as a constant force over the step
                for (int i = 0; i < nv; i++) force[i] += qfrcConstraint[i];
                solveInPlace(force, qacc);
            } else {
                // RK4: the impulse changes the velocity at the start of the step (Δq̇ = M⁻¹Jᵀλ), so the four
                // stages integrate from a state that already respects the constraints (no overshoot at impacts)
                for (int r = 0; r < nrows; r++) {
                    double l = lambda[r];
                    if (l == 0) continue;
                    int o = r * nv;
                    for (int i = 0; i < nv; i++) qvel[i] += rowW[o + i] * l;
                }
                kinematics(qpos, qvel);
                dynamics(qpos, qvel, 0, false);
                solveInPlace(force, qacc);
            }
        }

        // 3. integrate
        if (euler) {
            for (int i = 0; i < nv; i++) {
                qvel[i] += h * qacc[i];
                qpos[i] += h * qvel[i];
            }
        } else {
            rk4();
        }
        time += h;
        kinematicsStale = true; // recomputed on demand (queries) or at the next step
    }

    /** Classic RK4 over (qpos, qvel); stage 1 is the acceleration already in {@link #qacc}. */
    private void rk4() {
        System.arraycopy(qpos, 0, q0, 0, nv);
        System.arraycopy(qvel, 0, v0, 0, nv);
        for (int i = 0; i < nv; i++) {
            dq[i] = v0[i];
            dv[i] = qacc[i];
        }
        for (int s = 0; s < 3; s++) {
            double c = (s == 2 ? 1.0 : 0.5) * h;
            // stage input: y0 + c·k_prev, where k_prev is (qvel_stage, qacc) of the previous stage
            for (int i = 0; i < nv; i++) {
                double vPrev = s == 0 ? v0[i] : qvel[i];
                qpos[i] = q0[i] + c * vPrev;
                qvel[i] = v0[i] + c * qacc[i];
            }
            kinematics(qpos, qvel);
            dynamics(qpos, qvel, 0);
            solveInPlace(force, qacc);
            double w = s == 2 ? 1 : 2;
            for (int i = 0; i < nv; i++) {
                dq[i] += w * qvel[i];
                dv[i] += w * qacc[i];
            }
        }
        for (int i = 0; i < nv; i++) {
            qpos[i] = q0[i] + h / 6 * dq[i];
            qvel[i] = v0[i] + h / 6 * dv[i];
        }
    }

    // ---------------------------------------------------------------- kinematics

    /** Forward pass: poses, velocities and bias accelerations of every body; joint anchors and axes. */
    private void kinematics(double[] q, double[] qd) {
        kinematicsStale = false;
        PlanarModel m = model;
        for (int b = 0; b < nb; b++) {
            int p = m.bodyParent[b];
            double th = 0, cs = 1, sn = 0, ou = 0, ov = 0, vu = 0, vv = 0, au = 0, av = 0, w = 0;
            if (p >= 0) {
                th = bodyAngle[p];
                cs = bodyCos[p];
                sn = bodySin[p];
                w = bodyW[p];
                double ru = cs * m.bodyPosU[b] - sn * m.bodyPosV[b];
                double rv = sn * m.bodyPosU[b] + cs * m.bodyPosV[b];
                ou = bodyU[p] + ru;
                ov = bodyV[p] + rv;
                vu = bodyVu[p] - w * rv;
                vv = bodyVv[p] + w * ru;
                au = bodyAu[p] - w * w * ru;
                av = bodyAv[p] - w * w * rv;
            } else {
                ou = m.bodyPosU[b];
                ov = m.bodyPosV[b];
            }
            int end = m.bodyJointStart[b] + m.bodyJointCount[b];
            for (int j = m.bodyJointStart[b]; j < end; j++) {
                if (m.jointType[j] == PlanarModel.HINGE) {
                    double ru = cs * m.jointAnchorU[j] - sn * m.jointAnchorV[j];
                    double rv = sn * m.jointAnchorU[j] + cs * m.jointAnchorV[j];
                    double pu = ou + ru, pv = ov + rv;
                    double pvu = vu - w * rv, pvv = vv + w * ru;
                    double pau = au - w * w * ru, pav = av - w * w * rv;
                    anchorU[j] = pu;
                    anchorV[j] = pv;
                    th += m.jointSign[j] * (q[j] - m.jointRef[j]);
                    w += m.jointSign[j] * qd[j];
                    cs = Math.cos(th);
                    sn = Math.sin(th);
                    // new origin relative to the pivot
                    ru = -(cs * m.jointAnchorU[j] - sn * m.jointAnchorV[j]);
                    rv = -(sn * m.jointAnchorU[j] + cs * m.jointAnchorV[j]);
                    ou = pu + ru;
                    ov = pv + rv;
                    vu = pvu - w * rv;
                    vv = pvv + w * ru;
                    au = pau - w * w * ru;
                    av = pav - w * w * rv;
                } else {
                    double eu = cs * m.jointAxisU[j] - sn * m.jointAxisV[j];
                    double ev = sn * m.jointAxisU[j] + cs * m.jointAxisV[j];
                    axisWu[j] = eu;
                    axisWv[j] = ev;
                    double d = q[j] - m.jointRef[j];
                    double ru = eu * d, rv = ev * d;
                    ou += ru;
                    ov += rv;
                    // point of the frame at the new origin, plus sliding and Coriolis terms
                    au += -w * w * ru - 2 * w * ev * qd[j];
                    av += -w * w * rv + 2 * w * eu * qd[j];
                    vu += -w * rv + eu * qd[j];
                    vv += w * ru + ev * qd[j];
                }
            }
            bodyAngle[b] = th;
            bodyCos[b] = cs;
            bodySin[b] = sn;
            bodyU[b] = ou;
            bodyV[b] = ov;
            bodyVu[b] = vu;
            bodyVv[b] = vv;
            bodyAu[b] = au;
            bodyAv[b] = av;
            bodyW[b] = w;
            double ru = cs * m.bodyComU[b] - sn * m.bodyComV[b];
            double rv = sn * m.bodyComU[b] + cs * m.bodyComV[b];
            comU[b] = ou + ru;
            comV[b] = ov + rv;
            comVu[b] = vu - w * rv;
            comVv[b] = vv + w * ru;
            comAu[b] = au - w * w * ru;
            comAv[b] = av - w * w * rv;
            // COM Jacobian columns
            int[] dofs = m.bodyDofs[b];
            int o = jacStart[b];
            for (int k = 0; k < dofs.length; k++) {
                int j = dofs[k];
                if (m.jointType[j] == PlanarModel.HINGE) {
                    double s = m.jointSign[j];
                    jacU[o + k] = -s * (comV[b] - anchorV[j]);
                    jacV[o + k] = s * (comU[b] - anchorU[j]);
                } else {
                    jacU[o + k] = axisWu[j];
                    jacV[o + k] = axisWv[j];
                }
            }
        }
    }

    // ---------------------------------------------------------------- dynamics

    /**
     * Fills {@link #chol} with the Cholesky factor of {@code M + diag(armature + dampingH·damping)} and
     * {@link #force} with {@code τ − C} (motors, passive forces, fluid, minus bias and gravity).
     */
    private void dynamics(double[] q, double[] qd, double dampingH) {
        dynamics(q, qd, dampingH, true);
    }

    /** As above; with {@code assembleMass = false} only the forces are recomputed (the positions did not change). */
    private void dynamics(double[] q, double[] qd, double dampingH, boolean assembleMass) {
        PlanarModel m = model;
        if (assembleMass) Arrays.fill(mass, 0);
        Arrays.fill(force, 0);
        for (int b = 0; b < nb; b++) {
            int[] dofs = m.bodyDofs[b];
            int o = jacStart[b];
            double mb = m.bodyMass[b], ib = m.bodyInertia[b];
            double fu = mb * (m.gravityU - comAu[b]);
            double fv = mb * (m.gravityV - comAv[b]);
            for (int k = 0; k < dofs.length; k++) {
                int i = dofs[k];
                double ju = jacU[o + k], jv = jacV[o + k];
                force[i] += ju * fu + jv * fv;
                if (!assembleMass) continue;
                double mju = mb * ju, mjv = mb * jv, iwi = ib * jacW[o + k];
                int row = i * nv;
                for (int l = 0; l <= k; l++) {
                    mass[row + dofs[l]] += mju * jacU[o + l] + mjv * jacV[o + l] + iwi * jacW[o + l];
                }
            }
        }
        for (int i = 0; i < nv; i++) {
            if (assembleMass) mass[i * nv + i] += m.jointArmature[i] + dampingH * m.jointDamping[i];
            force[i] -= m.jointDamping[i] * qd[i] + m.jointStiffness[i] * (q[i] - m.jointSpringRef[i]);
        }
        for (int a = 0; a < m.nu; a++) {
            double c = ctrl[a];
            if (m.actuatorLimited[a]) c = Math.min(m.actuatorHigh[a], Math.max(m.actuatorLow[a], c));
            force[m.actuatorJoint[a]] += m.actuatorGear[a] * c;
        }
        if (m.viscosity > 0 || m.density > 0) fluid();
        if (assembleMass) cholesky();
    }

    /**
     * MuJoCo's inertia-box fluid model: each body is replaced by the box with its inertia; in the box's principal
     * frame, viscous (Stokes) force {@code −3π d μ v} and torque {@code −π d³ μ ω}, with {@code d} the mean side,
     * plus quadratic drag {@code −½ ρ A |v| v} on the face areas and {@code −ρ b_n (b_1⁴ + b_2⁴)/64 |ω| ω}.
     */
    private void fluid() {
        PlanarModel m = model;
        double mu = m.viscosity, rho = m.density;
        for (int b = 0; b < nb; b++) {
            double b1 = m.fluidBox1[b], b2 = m.fluidBox2[b], bn = m.fluidBoxN[b];
            double diam = (b1 + b2 + bn) / 3;
            double ang = bodyAngle[b] + m.fluidAngle[b];
            double cs = Math.cos(ang), sn = Math.sin(ang);
            double v1 = cs * comVu[b] + sn * comVv[b];
            double v2 = -sn * comVu[b] + cs * comVv[b];
            double w = bodyW[b];
            double f1 = -3 * Math.PI * diam * mu * v1 - 0.5 * rho * b2 * bn * Math.abs(v1) * v1;
            double f2 = -3 * Math.PI * diam * mu * v2 - 0.5 * rho * b1 * bn * Math.abs(v2) * v2;
            double t = -Math.PI * diam * diam * diam * mu * w
                    - rho * bn * (b1 * b1 * b1 * b1 + b2 * b2 * b2 * b2) / 64 * Math.abs(w) * w;
            double fu = cs * f1 - sn * f2;
            double fv = sn * f1 + cs * f2;
            int[] dofs = m.bodyDofs[b];
            int o = jacStart[b];
            for (int k = 0; k < dofs.length; k++) {
                int i = dofs[k];
                force[i] += jacU[o + k] * fu + jacV[o + k] * fv;
                if (m.jointType[i] == PlanarModel.HINGE) force[i] += m.jointSign[i] * t;
            }
        }
    }

    /** In-place Cholesky of the lower triangle of {@link #mass} into {@link #chol}. */
    private void cholesky() {
        for (int i = 0; i < nv; i++) {
            for (int j = 0; j <= i; j++) {
                double s = mass[i * nv + j];
                for (int k = 0; k < j; k++) s -= chol[i * nv + k] * chol[j * nv + k];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalStateException("mass matrix is not positive definite (model " + model.name + ")");
                    chol[i * nv + i] = Math.sqrt(s);
                } else {
                    chol[i * nv + j] = s / chol[j * nv + j];
                }
            }
        }
    }

    /** {@code out = (L Lᵀ)⁻¹ rhs} with the factor in {@link #chol}; rhs and out must be different arrays. */
    private void solveInPlace(double[] rhs, double[] out) {
        for (int i = 0; i < nv; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) s -= chol[i * nv + k] * out[k];
            out[i] = s / chol[i * nv + i];
        }
        for (int i = nv - 1; i >= 0; i--) {
            double s = out[i];
            for (int k = i + 1; k < nv; k++) s -= chol[k * nv + i] * out[k];
            out[i] = s / chol[i * nv + i];
        }
    }

    // ---------------------------------------------------------------- constraints

    private void buildConstraints(double[] vFree) {
        PlanarModel m = model;
        nrows = 0;
        if (m.hasGround) {
            for (int c = 0; c < m.ncontact; c++) {
                int b = m.contactBody[c];
                double cs = bodyCos[b], sn = bodySin[b];
                double pu = bodyU[b] + cs * m.contactU[c] - sn * m.contactV[c];
                double pv = bodyV[b] + sn * m.contactU[c] + cs * m.contactV[c];
                double gap = pv - m.contactRadius[c] - m.groundHeight;
                // approach speed of the point, so that fast bodies are caught before they pass the margin
                double approach = bodyVv[b] + bodyW[b] * (pu - bodyU[b]);
                if (gap + 2 * h * Math.min(0, approach) >= CONTACT_MARGIN) continue;
                pv -= m.contactRadius[c]; // the contact point on the sphere's surface
                int n = nrows, t = nrows + 1;
                Arrays.fill(rowJ, n * nv, (n + 2) * nv, 0);
                for (int j : m.bodyDofs[b]) {
                    if (m.jointType[j] == PlanarModel.HINGE) {
                        double s = m.jointSign[j];
                        rowJ[n * nv + j] = s * (pu - anchorU[j]);
                        rowJ[t * nv + j] = -s * (pv - anchorV[j]);
                    } else {
                        rowJ[n * nv + j] = axisWv[j];
                        rowJ[t * nv + j] = axisWu[j];
                    }
                }
                rowB[n] = gap > 0 ? -gap / h : Math.min(MAX_CORRECTION_SPEED, -BAUMGARTE * gap / h);
                rowPair[n] = -1;
                rowMu[n] = 0;
                rowSource[n] = 2 * c;
                rowSource[t] = 2 * c + 1;
                rowB[t] = 0;
                rowPair[t] = n;
                rowMu[t] = m.contactFriction[c];
                nrows += 2;
            }
        }
        for (int j = 0; j < nv; j++) {
            if (!m.jointLimited[j]) continue;
            double lo = qpos[j] - m.jointLow[j];
            double hi = m.jointHigh[j] - qpos[j];
            double reach = 2 * h * Math.max(Math.abs(qvel[j]), Math.abs(vFree[j]));
            if (lo < LIMIT_MARGIN + reach || hi < LIMIT_MARGIN + reach) {
                boolean lower = lo < hi;
                double gap = lower ? lo : hi;
                int r = nrows++;
                Arrays.fill(rowJ, r * nv, (r + 1) * nv, 0);
                rowJ[r * nv + j] = lower ? 1 : -1;
                rowB[r] = gap > 0 ? -gap / h : Math.min(MAX_CORRECTION_SPEED, -BAUMGARTE * gap / h);
                rowPair[r] = -1;
                rowMu[r] = 0;
                rowSource[r] = 2 * m.ncontact + j;
            }
        }
    }

    /**
     * Projected Gauss-Seidel on the impulses for the free end-of-step velocity {@code vFree}, warm-started from
     * the previous step's impulses of the same contacts and limits. It tracks the constrained velocity
     * {@code v = vFree + Σ M⁻¹J_rᵀ λ_r}, so each row update costs O(nv) and no Delassus matrix is formed.
     */
    private void solveConstraints(double[] vFree) {
        int r0 = nrows;
        rowsSolved += r0;
        System.arraycopy(vFree, 0, vel, 0, nv);
        for (int r = 0; r < r0; r++) {
            int o = r * nv;
            System.arraycopy(rowJ, o, scratch, 0, nv);
            solveInPlace(scratch, scratch2);
            System.arraycopy(scratch2, 0, rowW, o, nv);
            double d = 0;
            for (int i = 0; i < nv; i++) d += rowJ[o + i] * scratch2[i];
            rowDiag[r] = d;
            double l = lambdaCache[rowSource[r]];
            lambda[r] = l;
            if (l != 0) for (int i = 0; i < nv; i++) vel[i] += scratch2[i] * l;
        }
        for (int it = 0; it < PGS_ITERATIONS; it++) {
            double change = 0;
            for (int r = 0; r < r0; r++) {
                double diag = rowDiag[r];
                if (diag <= 1e-12) continue;
                int o = r * nv;
                double u = 0;
                for (int i = 0; i < nv; i++) u += rowJ[o + i] * vel[i];
                double old = lambda[r];
                double l;
                if (rowPair[r] < 0) {
                    l = Math.max(0, old - (u - rowB[r]) / diag);
                } else {
                    double lim = rowMu[r] * lambda[rowPair[r]];
                    l = Math.max(-lim, Math.min(lim, old - u / diag));
                }
                double dl = l - old;
                if (dl != 0) {
                    lambda[r] = l;
                    for (int i = 0; i < nv; i++) vel[i] += rowW[o + i] * dl;
                    change = Math.max(change, Math.abs(dl) * diag);
                }
            }
            pgsIterations++;
            if (change < PGS_TOLERANCE) break;
        }
        Arrays.fill(lambdaCache, 0);
        for (int r = 0; r < r0; r++) lambdaCache[rowSource[r]] = lambda[r];
    }

    /** Number of active constraint rows in the last step (contacts count two: normal and friction). */
    public int activeConstraintRows() {
        return nrows;
    }

    // ---------------------------------------------------------------- queries

    /** World position of a site: {u, v} written into out. */
    public void sitePosition(int site, double[] out) {
        ensureKinematics();
        int b = model.siteBody[site];
        out[0] = bodyU[b] + bodyCos[b] * model.siteU[site] - bodySin[b] * model.siteV[site];
        out[1] = bodyV[b] + bodySin[b] * model.siteU[site] + bodyCos[b] * model.siteV[site];
    }

    /** Total kinetic energy ½ q̇ᵀ M q̇ (armature included) at the current state. */
    public double kineticEnergy() {
        kinematics(qpos, qvel);
        double e = 0;
        for (int b = 0; b < nb; b++) {
            e += 0.5 * model.bodyMass[b] * (comVu[b] * comVu[b] + comVv[b] * comVv[b])
                    + 0.5 * model.bodyInertia[b] * bodyW[b] * bodyW[b];
        }
        for (int j = 0; j < nv; j++) e += 0.5 * model.jointArmature[j] * qvel[j] * qvel[j];
        return e;
    }

    /** Gravitational potential energy −Σ m g·c plus joint spring energy. */
    public double potentialEnergy() {
        kinematics(qpos, qvel);
        double e = 0;
        for (int b = 0; b < nb; b++) e -= model.bodyMass[b] * (model.gravityU * comU[b] + model.gravityV * comV[b]);
        for (int j = 0; j < nv; j++) {
            double d = qpos[j] - model.jointSpringRef[j];
            e += 0.5 * model.jointStiffness[j] * d * d;
        }
        return e;
    }

    /** Total linear momentum Σ m v_com: {u, v}. */
    public double[] linearMomentum() {
        kinematics(qpos, qvel);
        double pu = 0, pv = 0;
        for (int b = 0; b < nb; b++) {
            pu += model.bodyMass[b] * comVu[b];
            pv += model.bodyMass[b] * comVv[b];
        }
        return new double[] {pu, pv};
    }

    /** Angular momentum about the world origin (normal component). */
    public double angularMomentum() {
        kinematics(qpos, qvel);
        double l = 0;
        for (int b = 0; b < nb; b++) {
            l += model.bodyMass[b] * (comU[b] * comVv[b] - comV[b] * comVu[b]) + model.bodyInertia[b] * bodyW[b];
        }
        return l;
    }

    /** Smallest distance of any contact sphere or corner above the ground (negative: penetration); +inf without ground. */
    public double lowestContactGap() {
        ensureKinematics();
        double min = Double.POSITIVE_INFINITY;
        if (!model.hasGround) return min;
        for (int c = 0; c < model.ncontact; c++) {
            int b = model.contactBody[c];
            double pv = bodyV[b] + bodySin[b] * model.contactU[c] + bodyCos[b] * model.contactV[c];
            min = Math.min(min, pv - model.contactRadius[c] - model.groundHeight);
        }
        return min;
    }

    /** Largest excursion of any limited joint beyond its range (0 when all are inside). */
    public double worstLimitViolation() {
        double worst = 0;
        for (int j = 0; j < nv; j++) {
            if (!model.jointLimited[j]) continue;
            worst = Math.max(worst, Math.max(model.jointLow[j] - qpos[j], qpos[j] - model.jointHigh[j]));
        }
        return worst;
    }

    /** Centre of mass of the whole model: {u, v}. */
    public double[] centerOfMass() {
        ensureKinematics();
        double mu = 0, mv = 0, mt = 0;
        for (int b = 0; b < nb; b++) {
            mu += model.bodyMass[b] * comU[b];
            mv += model.bodyMass[b] * comV[b];
            mt += model.bodyMass[b];
        }
        return new double[] {mu / mt, mv / mt};
    }
}
