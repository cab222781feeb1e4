package io.gauntlet.envs.physics;

import io.gauntlet.core.linalg.Cholesky;
import io.gauntlet.core.env.Snapshot;
import java.util.Arrays;

/**
 * Simulates a {@link PlanarModel} in generalised coordinates as MuJoCo does: qpos and qvel in MuJoCo's order, so
 * joints never drift apart.
 *
 * <p>{@link #step()} follows mj_step. Forward dynamics at a state:
 * <ol>
 *   <li>Kinematics: a forward pass over the tree gives every body's pose, velocity and velocity-product
 *       ("bias") acceleration, and every joint's world anchor.
 *   <li>Smooth dynamics: the joint-space mass matrix {@code M = Σ m JᵀJ + I JωᵀJω} (+ armature) from each
 *       body's centre-of-mass Jacobian (composite-rigid-body in Jacobian form, n ≤ 9), and the smooth force
 *       {@code f = τ − C}: motors {@code gear · clip(ctrl, ctrlrange)}, passive forces (damping, stiffness, fluid
 *       drag) minus bias and gravity; the unconstrained acceleration {@code a₀ = M⁻¹ f} by Cholesky.
 *   <li>Constraints: contacts ({@link Collision}) and joint limits as MuJoCo's soft constraints, solved for the
 *       constrained acceleration ({@link SoftConstraints}); {@link #qfrcConstraint} is MuJoCo's qfrc_constraint.
 * </ol>
 * Integration with the model's integrator: semi-implicit Euler, with joint damping implicit when the model has
 * any ({@code q̈ = (M + h D)⁻¹ (f + f_c)}, as mj_Euler), or RK4 with the whole forward dynamics, contacts and
 * constraint solve included, at each of its four stages (mj_RungeKutta). Nothing is allocated after construction.
 */
public final class PlanarSim extends Simulator {
    public final PlanarModel model;
    private final int nv, nb;
    private final double h;

    /**
     * Generalised constraint force of the last forward dynamics (contacts and limits), MuJoCo's qfrc_constraint:
     * under RK4 the one of the step's last stage, as mj_step leaves it.
     */
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

    /** Mass matrix (full, row-major) and its Cholesky factor; M + hD and its factor for Euler's implicit damping. */
    private final double[] mass, massL, massDamped, massDampedL;
    private final boolean implicitDamping;
    /** Smooth force f, unconstrained and constrained acceleration, and the solver's warm start (last qacc). */
    private final double[] force, qaccSmooth, qacc, qaccWarmstart, tmp;
    // RK4 state
    private final double[] q0, v0, dq, dv;
    private final Collision collision;
    private final SoftConstraints constraints;
    private final SoftConstraints.InverseMass inverseMass;
    /** A limit's Jacobian row, and a contact's point Jacobian (u, v) and frame rows (normal, tangents). */
    private final double[] limitRow, ju, jv, jn, jt1, jt2;

    public PlanarSim(PlanarModel model) {
        super(model.qpos0(), model.nv, model.nu, model.timestep, model.actuators.low, model.actuators.high,
                new Parameters(model.bodyName, model.bodyMass, model.bodyInertia, 1, model.pairs.friction));
        this.model = model;
        this.nv = model.nv;
        this.nb = model.nbody;
        this.h = model.timestep;
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
        massL = new double[nv * nv];
        massDamped = new double[nv * nv];
        massDampedL = new double[nv * nv];
        boolean damped = false;
        for (double x : model.jointDamping) damped |= x > 0;
        implicitDamping = damped && model.integrator == PlanarModel.INTEGRATOR_EULER;
        force = new double[nv];
        qaccSmooth = new double[nv];
        qacc = new double[nv];
        qaccWarmstart = new double[nv];
        tmp = new double[nv];
        q0 = new double[nv];
        v0 = new double[nv];
        dq = new double[nv];
        dv = new double[nv];
        collision = new Collision(model, this);
        int maxRows = 0;
        for (int j = 0; j < nv; j++) if (model.jointLimited[j]) maxRows += 2;
        maxRows += model.pairs.maxRows(model.geomType);
        constraints = new SoftConstraints(nv, maxRows, model.options, model.meanInertia);
        inverseMass = (rhs, out) -> Cholesky.solve(massL, nv, rhs, out);
        limitRow = new double[nv];
        ju = new double[nv];
        jv = new double[nv];
        jn = new double[nv];
        jt1 = new double[nv];
        jt2 = new double[nv];
        forward();
    }

    /** Puts the model at rest in its reference pose. */
    @Override
    public void reset() {
        System.arraycopy(model.jointRef, 0, qpos, 0, nv);
        Arrays.fill(qvel, 0);
        Arrays.fill(ctrl, 0);
        Arrays.fill(qfrcConstraint, 0);
        Arrays.fill(qaccWarmstart, 0);
        time = 0;
        forward();
    }

    /**
     * Values {@link #saveState} writes: qpos, qvel, ctrl, the last constraint force, the solver's warm start and the
     * time, which is all the next steps depend on (body poses and the rest are recomputed from qpos and qvel).
     */
    @Override
    public int stateSize() {
        return qpos.length + qvel.length + ctrl.length + qfrcConstraint.length + qaccWarmstart.length + 1;
    }

    @Override
    public void saveState(Snapshot.Writer w) {
        w.put(qpos).put(qvel).put(ctrl).put(qfrcConstraint).put(qaccWarmstart).put(time);
    }

    /** Restores what {@link #saveState} wrote. */
    @Override
    public void restoreState(Snapshot.Reader r) {
        r.get(qpos);
        r.get(qvel);
        r.get(ctrl);
        r.get(qfrcConstraint);
        r.get(qaccWarmstart);
        time = r.getDouble();
    }

    /** Recomputes the kinematics. */
    @Override
    public void recompute() {
        forward();
    }

    /** Recomputes the kinematics (body poses) for the current qpos/qvel, e.g. after setting them by hand. */
    @Override
    public void forward() {
        kinematics(qpos, qvel);
    }

    private void ensureKinematics() {
        if (kinematicsStale) kinematics(qpos, qvel);
    }

    /** Advances one timestep with the current {@link #ctrl}. */
    @Override
    public void step() {
        forwardDynamics(qpos, qvel);
        if (model.integrator == PlanarModel.INTEGRATOR_EULER) {
            if (implicitDamping) {
                for (int i = 0; i < nv; i++) tmp[i] = force[i] + qfrcConstraint[i];
                Cholesky.solve(massDampedL, nv, tmp, qacc);
            }
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

    /** Kinematics, smooth dynamics and the constraint solve at (q, q̇): fills qacc and qfrcConstraint. */
    private void forwardDynamics(double[] q, double[] qd) {
        kinematics(q, qd);
        dynamics(q, qd);
        Cholesky.solve(massL, nv, force, qaccSmooth);
        buildConstraints(q, qd);
        constraints.solve(mass, inverseMass, force, qaccSmooth, qaccWarmstart, qacc, qfrcConstraint);
        System.arraycopy(qacc, 0, qaccWarmstart, 0, nv);
    }

    /** Classic RK4 over (qpos, qvel), each stage a full forward dynamics; stage 1 is the acceleration in {@link #qacc}. */
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
            forwardDynamics(qpos, qvel);
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

    /**
     * MuJoCo's mj_setConst for the constraints' softness, at the reference pose: each body's inverse weights
     * (mean diagonal of {@code J M⁻¹ Jᵀ} for its centre-of-mass Jacobian, translation over three axes and rotation
     * over three, of which only the plane's normal moves), each dof's {@code (M⁻¹)ᵢᵢ}; returns the mean diagonal of M.
     */
    double setConst(double[] bodyTran, double[] bodyRot, double[] dof) {
        kinematics(qpos, qvel);
        dynamics(qpos, qvel);
        for (int b = 0; b < nb; b++) {
            int[] dofs = model.bodyDofs[b];
            int o = jacStart[b];
            double[] rows = {0, 0, 0};
            for (int axis = 0; axis < 3; axis++) {
                double[] j = axis == 0 ? jacU : axis == 1 ? jacV : jacW;
                java.util.Arrays.fill(tmp, 0);
                for (int k = 0; k < dofs.length; k++) tmp[dofs[k]] = j[o + k];
                Cholesky.solve(massL, nv, tmp, qacc);
                for (int i = 0; i < nv; i++) rows[axis] += tmp[i] * qacc[i];
            }
            bodyTran[b] = (rows[0] + rows[1]) / 3;
            bodyRot[b] = rows[2] / 3;
        }
        double trace = 0;
        for (int i = 0; i < nv; i++) {
            Arrays.fill(tmp, 0);
            tmp[i] = 1;
            Cholesky.solve(massL, nv, tmp, qacc);
            dof[i] = qacc[i];
            trace += mass[i * nv + i];
        }
        Arrays.fill(qacc, 0);
        return trace / nv;
    }

    /** Adds {@code sign} times the Jacobian of the body's point (pu, pv) to (ju, jv); the world (−1) adds nothing. */
    void addPointJacobian(int body, double pu, double pv, double sign, double[] ju, double[] jv) {
        if (body < 0) return;
        for (int j : model.bodyDofs[body]) {
            if (model.jointType[j] == PlanarModel.HINGE) {
                double s = sign * model.jointSign[j];
                ju[j] -= s * (pv - anchorV[j]);
                jv[j] += s * (pu - anchorU[j]);
            } else {
                ju[j] += sign * axisWu[j];
                jv[j] += sign * axisWv[j];
            }
        }
    }

    /** Number of constraint rows (limits, and contacts: one, or four for a pyramid) in the last forward dynamics. */
    public int activeConstraintRows() {
        return constraints.rows();
    }

    /** Number of contacts found in the last forward dynamics. */
    public int contactCount() {
        return collision.ncon;
    }

    /** Solver iterations of the last forward dynamics. */
    public int solverIterations() {
        return constraints.iterations();
    }

    /** Limits (one row per violated side, in dof order) and contacts at the current kinematics, for velocity qd. */
    private void buildConstraints(double[] q, double[] qd) {
        PlanarModel m = model;
        constraints.clear();
        for (int j = 0; j < nv; j++) {
            if (!m.jointLimited[j]) continue;
            for (int side = -1; side <= 1; side += 2) {
                double dist = side * ((side < 0 ? m.jointLow[j] : m.jointHigh[j]) - q[j]);
                if (!(dist < m.jointMargin[j])) continue;
                Arrays.fill(limitRow, 0);
                limitRow[j] = -side;
                constraints.addRow(limitRow, dist, m.jointMargin[j], m.dofInvWeight[j], m.jointSolref, m.jointSolimp, j, qd);
            }
        }
        collision.detect();
        Collision c = collision;
        for (int k = 0; k < c.ncon; k++) {
            int p = c.pair[k];
            Arrays.fill(ju, 0);
            Arrays.fill(jv, 0);
            addPointJacobian(c.body2[k], c.posU[k], c.posV[k], 1, ju, jv);
            addPointJacobian(c.body1[k], c.posU[k], c.posV[k], -1, ju, jv);
            frameRow(c.normal, k, jn);
            frameRow(c.tangent1, k, jt1);
            frameRow(c.tangent2, k, jt2);
            double tran = invWeightTran(c.body1[k]) + invWeightTran(c.body2[k]);
            constraints.addContact(m.pairs, p, jn, jt1, jt2, c.dist[k], tran, qd);
        }
    }

    /** The Jacobian of contact k's frame axis (u, v components; the plane's normal does not move). */
    private void frameRow(double[] axis, int k, double[] out) {
        double au = axis[3 * k], av = axis[3 * k + 1];
        for (int q = 0; q < nv; q++) out[q] = au * ju[q] + av * jv[q];
    }

    private double invWeightTran(int body) {
        return body < 0 ? 0 : model.bodyInvWeightTran[body];
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
     * Fills {@link #mass} (with armature) and its factor, {@link #force} with {@code τ − C} (motors, passive forces,
     * fluid, minus bias and gravity) and, for Euler with damping, the factor of {@code M + h D}.
     */
    private void dynamics(double[] q, double[] qd) {
        PlanarModel m = model;
        Arrays.fill(mass, 0);
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
                double mju = mb * ju, mjv = mb * jv, iwi = ib * jacW[o + k];
                int row = i * nv;
                for (int l = 0; l <= k; l++) {
                    mass[row + dofs[l]] += mju * jacU[o + l] + mjv * jacV[o + l] + iwi * jacW[o + l];
                }
            }
        }
        for (int i = 0; i < nv; i++) {
            mass[i * nv + i] += m.jointArmature[i];
            for (int j = 0; j < i; j++) mass[j * nv + i] = mass[i * nv + j];
            force[i] -= m.jointDamping[i] * qd[i] + m.jointStiffness[i] * (q[i] - m.jointSpringRef[i]);
        }
        for (int a = 0; a < m.nu; a++) force[m.actuators.joint[a]] += m.actuators.force(a, ctrl[a]);
        if (m.viscosity > 0 || m.density > 0) fluid();
        if (!Cholesky.factor(mass, massL, nv)) throw new IllegalStateException("mass matrix is not positive definite (model " + m.name + ")");
        if (implicitDamping) {
            System.arraycopy(mass, 0, massDamped, 0, nv * nv);
            for (int i = 0; i < nv; i++) massDamped[i * nv + i] += h * m.jointDamping[i];
            Cholesky.factor(massDamped, massDampedL, nv);
        }
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

    /** Smallest height above the ground of any geom that collides with it (negative: penetration); +inf without. */
    public double lowestContactGap() {
        ensureKinematics();
        PlanarModel m = model;
        double min = Double.POSITIVE_INFINITY;
        for (int p = 0; p < m.pairs.count; p++) {
            int plane = m.pairs.geom1[p], g = m.pairs.geom2[p], b = m.geomBody[g];
            if (m.geomType[plane] != PlanarModel.GEOM_PLANE || b < 0) continue;
            double cs = bodyCos[b], sn = bodySin[b];
            double cv = bodyV[b] + sn * m.geomU[g] + cs * m.geomV[g] - m.groundHeight;
            double low = switch (m.geomType[g]) {
                case PlanarModel.GEOM_SPHERE -> cv - m.geomSize0[g];
                case PlanarModel.GEOM_CAPSULE -> cv - Math.abs(sn * m.geomDirU[g] + cs * m.geomDirV[g]) * m.geomSize1[g] - m.geomSize0[g];
                default -> {
                    double reach = 0;
                    for (int k = 0; k < 3; k++) {
                        reach += Math.abs(sn * m.geomBoxAxes[6 * g + 2 * k] + cs * m.geomBoxAxes[6 * g + 2 * k + 1]) * m.geomBoxHalf[3 * g + k];
                    }
                    yield cv - reach;
                }
            };
            min = Math.min(min, low);
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
