package io.gauntlet.envs.physics.spatial;

import static io.gauntlet.envs.physics.spatial.SpatialMath.crossForce;
import static io.gauntlet.envs.physics.spatial.SpatialMath.crossMotion;
import static io.gauntlet.envs.physics.spatial.SpatialMath.dot6;
import static io.gauntlet.envs.physics.spatial.SpatialMath.mulInertVec;

import io.gauntlet.core.env.Snapshot;
import io.gauntlet.envs.physics.MjcfReader;
import io.gauntlet.envs.physics.Simulator;
import io.gauntlet.envs.physics.SoftConstraints;
import java.util.Arrays;

/**
 * Simulates a {@link SpatialModel} in generalised coordinates as MuJoCo 2.2.2 does, with MuJoCo's com-based
 * spatial algebra ({@link SpatialMath}) and mjData's names and layout for what it computes.
 *
 * <p>{@link #step()} follows mj_step. Forward dynamics at a state (mj_forward):
 * <ol>
 *   <li>Position: kinematics (every body's pose from qpos, quaternions normalised), com-based inertias
 *       {@code cinert} and motion axes {@code cdof} about each tree's centre of mass, the joint-space mass matrix by
 *       the composite-rigid-body algorithm (armature on its diagonal) and its tree-sparse {@code LDLᵀ} factor,
 *       collisions ({@link SpatialCollision}) and the constraint rows of limits and contacts.
 *   <li>Velocity: body velocities {@code cvel} and {@code cdof_dot}, passive forces (joint springs, damping), and the
 *       bias force {@code C(q, q̇)} (Coriolis, centrifugal, gravity) by recursive Newton-Euler.
 *   <li>Acceleration: motors {@code gear · clip(ctrl, ctrlrange)}, the unconstrained acceleration
 *       {@code a₀ = M⁻¹ (passive − bias + actuator)}, and the constrained one from MuJoCo's soft-constraint problem
 *       ({@link SoftConstraints}).
 * </ol>
 * Integration with the model's integrator: semi-implicit Euler (joint damping implicit, {@code (M + hD) q̈ = f + f_c},
 * as mj_Euler) or RK4 with the whole forward dynamics at each of its four stages (mj_RungeKutta). Positions advance on
 * their manifold (mj_integratePos): a free or ball joint's quaternion turns by its angular velocity and is
 * renormalised. As in mjData, what the forward dynamics computes (poses, inertias, velocities, contacts, constraint
 * forces) is left as its last evaluation found it: after an RK4 step, that of the fourth stage. A state that is not
 * finite (or beyond 1e10) is reset to the reference pose, as mj_checkPos, mj_checkVel and mj_checkAcc do.
 * Nothing is allocated after construction.
 */
public final class SpatialSim extends Simulator {
    /** MuJoCo's mjMAXVAL: beyond it a state is bad. */
    static final double MAXVAL = 1e10;

    public final SpatialModel model;
    private final int nq, nv, nb, nj;
    private final double h;

    public double time;

    // position-dependent (mjData names)
    public final double[] xpos, xquat, xmat, xipos, subtreeCom, cinert, cdof, xanchor, xaxis, geomXpos, geomXmat;
    private final double[] subtreeMass;
    // velocity-dependent
    public final double[] cvel, cdofDot;
    // dynamics
    /** Mass matrix (dense, symmetric) and its LDLᵀ factor along the tree (L below the diagonal, D on it). */
    private final double[] qM, qLD, qLDiagInv, crb, qMDamped, qLDDamped, qLDDampedInv;
    public final double[] qfrcBias, qfrcPassive, qfrcActuator, qfrcSmooth, qaccSmooth, qacc, qfrcConstraint;
    private final double[] qaccWarmstart;
    private final boolean implicitDamping;
    // recursive Newton-Euler scratch: accelerations and forces per body
    private final double[] cacc, cfrcBody, tmp6;
    /** Contact forces on each body about its tree's centre of mass, torque then force (mjData's cfrc_ext), once asked. */
    public final double[] cfrcExt;
    // constraints
    final SpatialCollision collision;
    private final SoftConstraints constraints;
    private final SoftConstraints.InverseMass inverseMass;
    /** A row's Jacobian, a contact's translational Jacobian difference (3 × nv) and frame rows. */
    private final double[] row, jacDif, jn, jt1, jt2, tmpQuat, force3;
    // RK4: the start state, each stage's velocity and acceleration, the weighted sums
    private final double[] x0pos, x0vel, stageVel, stageAcc, dXvel, dXacc;
    /** The state and warm start of the last evaluation, which a snapshot must reproduce (what it computed is observed). */
    private final double[] evalQpos, evalQvel, evalWarmstart;
    private boolean evaluated;
    private int instabilities;

    public SpatialSim(SpatialModel model) {
        super(model.qpos0.clone(), model.nv, model.nu, model.timestep, model.actuators.low, model.actuators.high,
                new Parameters(model.bodyName, model.bodyMass, model.bodyInertia, 6, model.pairs.friction));
        this.model = model;
        nq = model.nq;
        nv = model.nv;
        nb = model.nbody;
        nj = model.njnt;
        h = model.timestep;
        xpos = new double[3 * nb];
        xquat = new double[4 * nb];
        xmat = new double[9 * nb];
        xipos = new double[3 * nb];
        subtreeCom = new double[3 * nb];
        subtreeMass = new double[nb];
        cinert = new double[10 * nb];
        cdof = new double[6 * nv];
        xanchor = new double[3 * nj];
        xaxis = new double[3 * nj];
        geomXpos = new double[3 * model.ngeom];
        geomXmat = new double[9 * model.ngeom];
        cvel = new double[6 * nb];
        cdofDot = new double[6 * nv];
        qM = new double[nv * nv];
        qLD = new double[nv * nv];
        qLDiagInv = new double[nv];
        crb = new double[10 * nb];
        boolean damped = false;
        for (double b : model.dofDamping) damped |= b > 0;
        implicitDamping = damped && model.integrator == MjcfReader.INTEGRATOR_EULER;
        qMDamped = new double[implicitDamping ? nv * nv : 0];
        qLDDamped = new double[implicitDamping ? nv * nv : 0];
        qLDDampedInv = new double[implicitDamping ? nv : 0];
        qfrcBias = new double[nv];
        qfrcPassive = new double[nv];
        qfrcActuator = new double[nv];
        qfrcSmooth = new double[nv];
        qaccSmooth = new double[nv];
        qacc = new double[nv];
        qfrcConstraint = new double[nv];
        qaccWarmstart = new double[nv];
        cacc = new double[6 * nb];
        cfrcBody = new double[6 * nb];
        tmp6 = new double[6];
        cfrcExt = new double[6 * nb];
        collision = new SpatialCollision(model, this);
        int maxRows = 0;
        for (int j = 0; j < nj; j++) if (model.jntLimited[j]) maxRows += model.jntType[j] == SpatialModel.BALL ? 1 : 2;
        maxRows += model.pairs.maxRows(model.geomType);
        constraints = new SoftConstraints(nv, maxRows, model.options, model.meanInertia);
        inverseMass = this::solveM;
        row = new double[nv];
        jacDif = new double[3 * nv];
        jn = new double[nv];
        jt1 = new double[nv];
        jt2 = new double[nv];
        tmpQuat = new double[8];
        force3 = new double[3];
        x0pos = new double[nq];
        x0vel = new double[nv];
        stageVel = new double[4 * nv];
        stageAcc = new double[4 * nv];
        dXvel = new double[nv];
        dXacc = new double[nv];
        evalQpos = new double[nq];
        evalQvel = new double[nv];
        evalWarmstart = new double[nv];
        kinematics();
        comPos();
    }

    /**
     * Puts the model at rest in its reference pose (mj_resetData): qpos0, no velocity, control, warm start, contact
     * forces or time; poses are recomputed.
     */
    @Override
    public void reset() {
        System.arraycopy(model.qpos0, 0, qpos, 0, nq);
        Arrays.fill(qvel, 0);
        Arrays.fill(ctrl, 0);
        Arrays.fill(qaccWarmstart, 0);
        Arrays.fill(qacc, 0);
        Arrays.fill(qfrcConstraint, 0);
        Arrays.fill(cfrcExt, 0);
        time = 0;
        evaluated = false;
        kinematics();
        comPos();
    }

    /**
     * Values {@link #saveState} writes: qpos, qvel, ctrl, the solver's warm start and the time, which is all the next
     * steps depend on; then the state and warm start of the last evaluation and the contact forces, from which a
     * restore recomputes, bit for bit, what that evaluation left (poses, inertias, velocities, contacts).
     */
    @Override
    public int stateSize() {
        return nq + nv + ctrl.length + nv + 1 + 1 + nq + nv + nv + 6 * nb;
    }

    @Override
    public void saveState(Snapshot.Writer w) {
        w.put(qpos).put(qvel).put(ctrl).put(qaccWarmstart).put(time);
        w.putBoolean(evaluated).put(evalQpos).put(evalQvel).put(evalWarmstart).put(cfrcExt);
    }

    /** Restores what {@link #saveState} wrote. */
    @Override
    public void restoreState(Snapshot.Reader r) {
        r.get(qpos);
        r.get(qvel);
        r.get(ctrl);
        r.get(qaccWarmstart);
        time = r.getDouble();
        evaluated = r.getBoolean();
        r.get(evalQpos);
        r.get(evalQvel);
        r.get(evalWarmstart);
        r.get(cfrcExt);
    }

    /** Re-evaluates the last evaluation at its own state and warm start, which reproduces what it left bit for bit. */
    @Override
    public void recompute() {
        if (evaluated) {
            System.arraycopy(qpos, 0, x0pos, 0, nq);
            System.arraycopy(qvel, 0, x0vel, 0, nv);
            System.arraycopy(qaccWarmstart, 0, dXacc, 0, nv);
            System.arraycopy(evalQpos, 0, qpos, 0, nq);
            System.arraycopy(evalQvel, 0, qvel, 0, nv);
            System.arraycopy(evalWarmstart, 0, qaccWarmstart, 0, nv);
            forwardDynamics();
            System.arraycopy(x0pos, 0, qpos, 0, nq);
            System.arraycopy(x0vel, 0, qvel, 0, nv);
            System.arraycopy(dXacc, 0, qaccWarmstart, 0, nv);
        } else {
            kinematics();
            comPos();
        }
    }

    /** Number of times a bad state (not finite, or beyond 1e10) was reset to the reference pose. */
    public int instabilities() {
        return instabilities;
    }

    // ---------------------------------------------------------------- stepping

    /** The forward dynamics at the current state (mj_forward): everything but the state itself is recomputed. */
    @Override
    public void forward() {
        forwardDynamics();
    }

    /** Advances one timestep with the current {@link #ctrl} (mj_step). */
    @Override
    public void step() {
        if (bad(qpos, nq) || bad(qvel, nv)) resetBad();
        forwardDynamics();
        if (bad(qacc, nv)) {
            resetBad();
            forwardDynamics();
        }
        if (model.integrator == MjcfReader.INTEGRATOR_EULER) {
            euler();
        } else {
            rungeKutta();
        }
    }

    private static boolean bad(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (!(v > -MAXVAL && v < MAXVAL)) return true;
        }
        return false;
    }

    private void resetBad() {
        instabilities++;
        double t = time;
        System.arraycopy(model.qpos0, 0, qpos, 0, nq);
        Arrays.fill(qvel, 0);
        Arrays.fill(qaccWarmstart, 0);
        time = t;
    }

    /** Semi-implicit Euler: qvel += h·qacc (damping implicit when the model has any), then positions on their manifold. */
    private void euler() {
        if (implicitDamping) {
            System.arraycopy(qM, 0, qMDamped, 0, nv * nv);
            for (int i = 0; i < nv; i++) qMDamped[i * nv + i] += h * model.dofDamping[i];
            factor(qMDamped, qLDDamped, qLDDampedInv);
            for (int i = 0; i < nv; i++) dXacc[i] = qfrcSmooth[i] + qfrcConstraint[i];
            solve(qLDDamped, qLDDampedInv, dXacc, dXvel);
            System.arraycopy(dXvel, 0, dXacc, 0, nv);
        } else {
            System.arraycopy(qacc, 0, dXacc, 0, nv);
        }
        for (int i = 0; i < nv; i++) qvel[i] += h * dXacc[i];
        integratePos(qpos, qvel, h);
        time += h;
    }

    /**
     * MuJoCo's RK4 (mj_RungeKutta): stages at X0 ⊕ ½h·k1, X0 ⊕ ½h·k2, X0 ⊕ h·k3, each a full forward dynamics, then
     * X0 ⊕ h·(k1 + 2k2 + 2k3 + k4)/6, where ⊕ moves positions on their manifold.
     */
    private void rungeKutta() {
        System.arraycopy(qpos, 0, x0pos, 0, nq);
        System.arraycopy(qvel, 0, x0vel, 0, nv);
        System.arraycopy(qvel, 0, stageVel, 0, nv);
        System.arraycopy(qacc, 0, stageAcc, 0, nv);
        double t0 = time;
        for (int i = 1; i < 4; i++) {
            double a = i == 3 ? 1 : 0.5;
            int prev = (i - 1) * nv;
            for (int k = 0; k < nv; k++) {
                dXvel[k] = a * stageVel[prev + k];
                dXacc[k] = a * stageAcc[prev + k];
            }
            System.arraycopy(x0pos, 0, qpos, 0, nq);
            integratePos(qpos, dXvel, h);
            for (int k = 0; k < nv; k++) qvel[k] = x0vel[k] + h * dXacc[k];
            time = t0 + a * h;
            forwardDynamics();
            System.arraycopy(qvel, 0, stageVel, i * nv, nv);
            System.arraycopy(qacc, 0, stageAcc, i * nv, nv);
        }
        Arrays.fill(dXvel, 0);
        Arrays.fill(dXacc, 0);
        for (int j = 0; j < 4; j++) {
            double b = j == 0 || j == 3 ? 1.0 / 6.0 : 1.0 / 3.0;
            for (int k = 0; k < nv; k++) {
                dXvel[k] += b * stageVel[j * nv + k];
                dXacc[k] += b * stageAcc[j * nv + k];
            }
        }
        time = t0;
        System.arraycopy(x0pos, 0, qpos, 0, nq);
        System.arraycopy(x0vel, 0, qvel, 0, nv);
        for (int k = 0; k < nv; k++) qvel[k] += h * dXacc[k];
        integratePos(qpos, dXvel, h);
        time += h;
    }

    /** qpos ⊕ dt·vel (mj_integratePos): quaternions turn by their angular velocity, everything else adds. */
    void integratePos(double[] q, double[] vel, double dt) {
        SpatialModel m = model;
        for (int j = 0; j < nj; j++) {
            int pa = m.jntQposAdr[j], va = m.jntDofAdr[j];
            switch (m.jntType[j]) {
                case SpatialModel.FREE -> {
                    for (int i = 0; i < 3; i++) q[pa + i] += dt * vel[va + i];
                    SpatialMath.quatIntegrate(q, pa + 3, vel, va + 3, dt, tmpQuat);
                }
                case SpatialModel.BALL -> SpatialMath.quatIntegrate(q, pa, vel, va, dt, tmpQuat);
                default -> q[pa] += dt * vel[va];
            }
        }
    }

    /** Position, velocity and acceleration stages at (qpos, qvel): fills qacc, the forces, and the warm start. */
    private void forwardDynamics() {
        System.arraycopy(qpos, 0, evalQpos, 0, nq);
        System.arraycopy(qvel, 0, evalQvel, 0, nv);
        System.arraycopy(qaccWarmstart, 0, evalWarmstart, 0, nv);
        evaluated = true;
        kinematics();
        comPos();
        crb();
        factor(qM, qLD, qLDiagInv);
        comVel();
        passive();
        rne();
        actuation();
        for (int i = 0; i < nv; i++) qfrcSmooth[i] = qfrcPassive[i] - qfrcBias[i] + qfrcActuator[i];
        solveM(qfrcSmooth, qaccSmooth);
        buildConstraints();
        constraints.solve(qM, inverseMass, qfrcSmooth, qaccSmooth, qaccWarmstart, qacc, qfrcConstraint);
        System.arraycopy(qacc, 0, qaccWarmstart, 0, nv);
    }

    // ---------------------------------------------------------------- position

    /** Poses of bodies, joint anchors and axes, and geoms (mj_kinematics); normalises qpos's quaternions. */
    private void kinematics() {
        SpatialModel m = model;
        double[] q = qpos;
        xquat[0] = 1;
        xmat[0] = xmat[4] = xmat[8] = 1;
        for (int j = 0; j < nj; j++) {
            int t = m.jntType[j];
            if (t == SpatialModel.FREE) SpatialMath.normalize4(q, m.jntQposAdr[j] + 3);
            else if (t == SpatialModel.BALL) SpatialMath.normalize4(q, m.jntQposAdr[j]);
        }
        double[] quat = tmpQuat;
        for (int b = 1; b < nb; b++) {
            int ja = m.bodyJntAdr[b];
            double px, py, pz;
            if (m.bodyJntNum[b] == 1 && m.jntType[ja] == SpatialModel.FREE) {
                int qa = m.jntQposAdr[ja];
                px = q[qa];
                py = q[qa + 1];
                pz = q[qa + 2];
                System.arraycopy(q, qa + 3, quat, 0, 4);
                xanchor[3 * ja] = px;
                xanchor[3 * ja + 1] = py;
                xanchor[3 * ja + 2] = pz;
                xaxis[3 * ja] = 0;
                xaxis[3 * ja + 1] = 0;
                xaxis[3 * ja + 2] = 1;
            } else {
                int p = m.bodyParent[b];
                SpatialMath.mulMatVec3(xmat, 9 * p, m.bodyPos, 3 * b, xpos, 3 * b);
                px = xpos[3 * p] + xpos[3 * b];
                py = xpos[3 * p + 1] + xpos[3 * b + 1];
                pz = xpos[3 * p + 2] + xpos[3 * b + 2];
                SpatialMath.mulQuat(xquat, 4 * p, m.bodyQuat, 4 * b, quat, 0);
                for (int j = ja; j < ja + m.bodyJntNum[b]; j++) {
                    int qa = m.jntQposAdr[j];
                    SpatialMath.rotVecQuat(m.jntAxis, 3 * j, quat, 0, xaxis, 3 * j);
                    SpatialMath.rotVecQuat(m.jntPos, 3 * j, quat, 0, xanchor, 3 * j);
                    xanchor[3 * j] += px;
                    xanchor[3 * j + 1] += py;
                    xanchor[3 * j + 2] += pz;
                    int t = m.jntType[j];
                    if (t == SpatialModel.SLIDE) {
                        double d = q[qa] - m.qpos0[qa];
                        px += xaxis[3 * j] * d;
                        py += xaxis[3 * j + 1] * d;
                        pz += xaxis[3 * j + 2] * d;
                    } else {
                        if (t == SpatialModel.BALL) {
                            System.arraycopy(q, qa, quat, 4, 4);
                        } else {
                            SpatialMath.axisAngle2Quat(m.jntAxis, 3 * j, q[qa] - m.qpos0[qa], quat, 4);
                        }
                        SpatialMath.mulQuat(quat, 0, quat, 4, quat, 0);
                        // rotation about the anchor, not the body origin
                        double vx = xanchor[3 * j] - px, vy = xanchor[3 * j + 1] - py, vz = xanchor[3 * j + 2] - pz;
                        SpatialMath.rotVecQuat(m.jntPos, 3 * j, quat, 0, quat, 4);
                        px += vx - quat[4];
                        py += vy - quat[5];
                        pz += vz - quat[6];
                    }
                }
            }
            SpatialMath.normalize4(quat, 0);
            System.arraycopy(quat, 0, xquat, 4 * b, 4);
            xpos[3 * b] = px;
            xpos[3 * b + 1] = py;
            xpos[3 * b + 2] = pz;
            SpatialMath.quat2Mat(quat, 0, xmat, 9 * b);
        }
        for (int b = 1; b < nb; b++) {
            SpatialMath.mulMatVec3(xmat, 9 * b, m.bodyIpos, 3 * b, xipos, 3 * b);
            xipos[3 * b] += xpos[3 * b];
            xipos[3 * b + 1] += xpos[3 * b + 1];
            xipos[3 * b + 2] += xpos[3 * b + 2];
        }
        for (int g = 0; g < m.ngeom; g++) {
            int b = m.geomBody[g];
            SpatialMath.mulMatVec3(xmat, 9 * b, m.geomPos, 3 * g, geomXpos, 3 * g);
            geomXpos[3 * g] += xpos[3 * b];
            geomXpos[3 * g + 1] += xpos[3 * b + 1];
            geomXpos[3 * g + 2] += xpos[3 * b + 2];
            SpatialMath.mulQuat(xquat, 4 * b, m.geomQuat, 4 * g, quat, 0);
            SpatialMath.quat2Mat(quat, 0, geomXmat, 9 * g);
        }
    }

    /** Subtree centres of mass, com-based inertias and motion axes of the dofs (mj_comPos). */
    private void comPos() {
        SpatialModel m = model;
        Arrays.fill(subtreeCom, 0);
        Arrays.fill(subtreeMass, 0);
        for (int b = nb - 1; b >= 0; b--) {
            double mass = m.bodyMass[b];
            subtreeCom[3 * b] += xipos[3 * b] * mass;
            subtreeCom[3 * b + 1] += xipos[3 * b + 1] * mass;
            subtreeCom[3 * b + 2] += xipos[3 * b + 2] * mass;
            subtreeMass[b] += mass;
            if (b > 0) {
                int p = m.bodyParent[b];
                subtreeCom[3 * p] += subtreeCom[3 * b];
                subtreeCom[3 * p + 1] += subtreeCom[3 * b + 1];
                subtreeCom[3 * p + 2] += subtreeCom[3 * b + 2];
                subtreeMass[p] += subtreeMass[b];
            }
            if (subtreeMass[b] < SoftConstraints.MINVAL) {
                System.arraycopy(xipos, 3 * b, subtreeCom, 3 * b, 3);
            } else {
                double inv = 1.0 / Math.max(SoftConstraints.MINVAL, subtreeMass[b]);
                subtreeCom[3 * b] *= inv;
                subtreeCom[3 * b + 1] *= inv;
                subtreeCom[3 * b + 2] *= inv;
            }
        }
        for (int b = 1; b < nb; b++) {
            int r = 3 * m.bodyRoot[b];
            SpatialMath.inertCom(m.bodyInertia, 6 * b, xmat, 9 * b, xipos[3 * b] - subtreeCom[r],
                    xipos[3 * b + 1] - subtreeCom[r + 1], xipos[3 * b + 2] - subtreeCom[r + 2], m.bodyMass[b], cinert, 10 * b);
        }
        for (int j = 0; j < nj; j++) {
            int da = 6 * m.jntDofAdr[j], b = m.jntBody[j], r = 3 * m.bodyRoot[b];
            double ox = subtreeCom[r] - xanchor[3 * j], oy = subtreeCom[r + 1] - xanchor[3 * j + 1], oz = subtreeCom[r + 2] - xanchor[3 * j + 2];
            switch (m.jntType[j]) {
                case SpatialModel.FREE -> {
                    Arrays.fill(cdof, da, da + 18, 0);
                    for (int i = 0; i < 3; i++) cdof[da + 3 + 7 * i] = 1;
                    rotationDofs(da + 18, b, ox, oy, oz);
                }
                case SpatialModel.BALL -> rotationDofs(da, b, ox, oy, oz);
                case SpatialModel.SLIDE -> {
                    cdof[da] = 0;
                    cdof[da + 1] = 0;
                    cdof[da + 2] = 0;
                    cdof[da + 3] = xaxis[3 * j];
                    cdof[da + 4] = xaxis[3 * j + 1];
                    cdof[da + 5] = xaxis[3 * j + 2];
                }
                default -> dofCom(da, xaxis[3 * j], xaxis[3 * j + 1], xaxis[3 * j + 2], ox, oy, oz);
            }
        }
    }

    /** Three rotational dofs about the body's own axes (a ball joint, or a free joint's rotation). */
    private void rotationDofs(int da, int b, double ox, double oy, double oz) {
        for (int i = 0; i < 3; i++) {
            dofCom(da + 6 * i, xmat[9 * b + i], xmat[9 * b + i + 3], xmat[9 * b + i + 6], ox, oy, oz);
        }
    }

    /** A rotational dof about axis a through a point {@code o} away from the centre of mass: [a; a × o]. */
    private void dofCom(int da, double ax, double ay, double az, double ox, double oy, double oz) {
        cdof[da] = ax;
        cdof[da + 1] = ay;
        cdof[da + 2] = az;
        cdof[da + 3] = ay * oz - az * oy;
        cdof[da + 4] = az * ox - ax * oz;
        cdof[da + 5] = ax * oy - ay * ox;
    }

    /** The mass matrix by the composite-rigid-body algorithm (mj_crb), armature on the diagonal. */
    private void crb() {
        SpatialModel m = model;
        System.arraycopy(cinert, 0, crb, 0, 10 * nb);
        for (int b = nb - 1; b > 0; b--) {
            int p = m.bodyParent[b];
            if (p > 0) for (int k = 0; k < 10; k++) crb[10 * p + k] += crb[10 * b + k];
        }
        Arrays.fill(qM, 0);
        for (int i = nv - 1; i >= 0; i--) {
            mulInertVec(crb, 10 * m.dofBody[i], cdof, 6 * i, tmp6, 0);
            qM[i * nv + i] = m.dofArmature[i] + dot6(cdof, 6 * i, tmp6, 0);
            for (int j : m.dofAncestors[i]) {
                double v = dot6(cdof, 6 * j, tmp6, 0);
                qM[i * nv + j] = v;
                qM[j * nv + i] = v;
            }
        }
    }

    /**
     * LDLᵀ factor of an inertia-like matrix along the dof tree (mj_factorI): fill-in stays on ancestors, and the
     * ancestors of a dof's ancestor are the rest of its own chain.
     */
    private void factor(double[] mat, double[] ld, double[] diagInv) {
        int[][] ancestors = model.dofAncestors;
        System.arraycopy(mat, 0, ld, 0, nv * nv);
        for (int k = nv - 1; k >= 0; k--) {
            int kk = k * nv + k, kr = k * nv;
            if (ld[kk] < SoftConstraints.MINVAL) ld[kk] = SoftConstraints.MINVAL;
            int[] chain = ancestors[k];
            for (int a = 0; a < chain.length; a++) {
                int i = chain[a], ir = i * nv;
                double tmp = ld[kr + i] / ld[kk];
                ld[ir + i] -= ld[kr + i] * tmp;
                for (int b = a + 1; b < chain.length; b++) {
                    int j = chain[b];
                    ld[ir + j] -= ld[kr + j] * tmp;
                }
                ld[kr + i] = tmp;
            }
        }
        for (int i = 0; i < nv; i++) diagInv[i] = 1.0 / ld[i * nv + i];
    }

    /** x = M⁻¹ y with the mass matrix's factor (mj_solveM); y and x different arrays. */
    void solveM(double[] y, double[] x) {
        solve(qLD, qLDiagInv, y, x);
    }

    private void solve(double[] ld, double[] diagInv, double[] y, double[] x) {
        int[][] ancestors = model.dofAncestors;
        System.arraycopy(y, 0, x, 0, nv);
        for (int i = nv - 1; i >= 0; i--) {
            double t = x[i];
            if (t != 0) {
                int ir = i * nv;
                for (int j : ancestors[i]) x[j] -= ld[ir + j] * t;
            }
        }
        for (int i = 0; i < nv; i++) x[i] *= diagInv[i];
        for (int i = 0; i < nv; i++) {
            double t = x[i];
            int ir = i * nv;
            for (int j : ancestors[i]) t -= ld[ir + j] * x[j];
            x[i] = t;
        }
    }

    // ---------------------------------------------------------------- velocity

    /** Body velocities and the dofs' time derivatives (mj_comVel). */
    private void comVel() {
        SpatialModel m = model;
        double[] v = tmp6;
        for (int b = 1; b < nb; b++) {
            int p = m.bodyParent[b];
            System.arraycopy(cvel, 6 * p, v, 0, 6);
            int da = m.bodyDofAdr[b], n = m.bodyDofNum[b];
            for (int j = 0; j < n; j++) {
                int d = da + j;
                int type = m.jntType[m.dofJnt[d]];
                if (type == SpatialModel.FREE && j == 0) {
                    // translations: no derivative; they move the velocity first
                    Arrays.fill(cdofDot, 6 * d, 6 * d + 18, 0);
                    addDofVel(v, d, 3);
                    j += 2;
                } else if ((type == SpatialModel.BALL && j == 0) || (type == SpatialModel.FREE && j == 3)) {
                    for (int k = 0; k < 3; k++) crossMotion(v, 0, cdof, 6 * (d + k), cdofDot, 6 * (d + k));
                    addDofVel(v, d, 3);
                    j += 2;
                } else {
                    crossMotion(v, 0, cdof, 6 * d, cdofDot, 6 * d);
                    addDofVel(v, d, 1);
                }
            }
            System.arraycopy(v, 0, cvel, 6 * b, 6);
        }
    }

    /** v += Σ cdof_k q̇_k over n dofs from d. */
    private void addDofVel(double[] v, int d, int n) {
        for (int c = 0; c < 6; c++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += cdof[6 * (d + k) + c] * qvel[d + k];
            v[c] += s;
        }
    }

    /** Joint springs and dof dampers (mj_passive). */
    private void passive() {
        SpatialModel m = model;
        Arrays.fill(qfrcPassive, 0);
        for (int j = 0; j < nj; j++) {
            double k = m.jntStiffness[j];
            if (k == 0) continue;
            int pa = m.jntQposAdr[j], da = m.jntDofAdr[j];
            switch (m.jntType[j]) {
                case SpatialModel.FREE -> {
                    for (int i = 0; i < 3; i++) qfrcPassive[da + i] -= k * (qpos[pa + i] - m.qposSpring[pa + i]);
                    quatSpring(k, pa + 3, da + 3);
                }
                case SpatialModel.BALL -> quatSpring(k, pa, da);
                default -> qfrcPassive[da] -= k * (qpos[pa] - m.qposSpring[pa]);
            }
        }
        for (int i = 0; i < nv; i++) qfrcPassive[i] -= m.dofDamping[i] * qvel[i];
    }

    /** A rotational spring: torque −k times the rotation vector from the rest quaternion (mju_subQuat). */
    private void quatSpring(double k, int pa, int da) {
        double[] q = tmpQuat, s = model.qposSpring;
        // neg(rest) · q
        double w = s[pa] * qpos[pa] + s[pa + 1] * qpos[pa + 1] + s[pa + 2] * qpos[pa + 2] + s[pa + 3] * qpos[pa + 3];
        double x = s[pa] * qpos[pa + 1] - s[pa + 1] * qpos[pa] - s[pa + 2] * qpos[pa + 3] + s[pa + 3] * qpos[pa + 2];
        double y = s[pa] * qpos[pa + 2] + s[pa + 1] * qpos[pa + 3] - s[pa + 2] * qpos[pa] - s[pa + 3] * qpos[pa + 1];
        double z = s[pa] * qpos[pa + 3] - s[pa + 1] * qpos[pa + 2] + s[pa + 2] * qpos[pa + 1] - s[pa + 3] * qpos[pa];
        q[0] = x;
        q[1] = y;
        q[2] = z;
        rotationVector(w, q);
        for (int i = 0; i < 3; i++) qfrcPassive[da + i] -= k * q[i];
    }

    /** The rotation vector (axis × angle in (−π, π]) of the unit quaternion (w, v[0..2]), into v (mju_quat2Vel). */
    static void rotationVector(double w, double[] v) {
        double sinHalf = SpatialMath.normalize3(v, 0);
        double angle = 2 * Math.atan2(sinHalf, w);
        if (angle > Math.PI) angle -= 2 * Math.PI;
        v[0] *= angle;
        v[1] *= angle;
        v[2] *= angle;
    }

    /** Bias force C(q, q̇) by recursive Newton-Euler without acceleration (mj_rne with flg_acc = 0). */
    private void rne() {
        SpatialModel m = model;
        Arrays.fill(cacc, 0, 6, 0);
        cacc[3] = -m.gravity[0];
        cacc[4] = -m.gravity[1];
        cacc[5] = -m.gravity[2];
        for (int b = 1; b < nb; b++) {
            int p = m.bodyParent[b], da = m.bodyDofAdr[b], n = m.bodyDofNum[b];
            for (int c = 0; c < 6; c++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += cdofDot[6 * (da + k) + c] * qvel[da + k];
                cacc[6 * b + c] = cacc[6 * p + c] + s;
            }
            mulInertVec(cinert, 10 * b, cacc, 6 * b, cfrcBody, 6 * b);
            mulInertVec(cinert, 10 * b, cvel, 6 * b, tmp6, 0);
            crossForce(cvel, 6 * b, tmp6, 0, tmp6, 0);
            for (int c = 0; c < 6; c++) cfrcBody[6 * b + c] += tmp6[c];
        }
        Arrays.fill(cfrcBody, 0, 6, 0);
        for (int b = nb - 1; b > 0; b--) {
            int p = m.bodyParent[b];
            if (p > 0) for (int c = 0; c < 6; c++) cfrcBody[6 * p + c] += cfrcBody[6 * b + c];
        }
        for (int i = 0; i < nv; i++) qfrcBias[i] = dot6(cdof, 6 * i, cfrcBody, 6 * m.dofBody[i]);
    }

    /** Motor forces on their joints: gear · ctrl, ctrl clipped to ctrlrange when it is limited. */
    private void actuation() {
        SpatialModel m = model;
        Arrays.fill(qfrcActuator, 0);
        for (int a = 0; a < m.nu; a++) qfrcActuator[m.jntDofAdr[m.actuators.joint[a]]] += m.actuators.force(a, ctrl[a]);
    }

    // ---------------------------------------------------------------- constraints

    /** Limits (in joint order; lower side first) and contacts (in collision order) as constraint rows. */
    private void buildConstraints() {
        SpatialModel m = model;
        constraints.clear();
        for (int j = 0; j < nj; j++) {
            if (!m.jntLimited[j]) continue;
            int qa = m.jntQposAdr[j], da = m.jntDofAdr[j];
            double margin = m.jntMargin[j];
            if (m.jntType[j] == SpatialModel.BALL) {
                double[] v = tmpQuat;
                v[0] = qpos[qa + 1];
                v[1] = qpos[qa + 2];
                v[2] = qpos[qa + 3];
                rotationVector(qpos[qa], v);
                double angle = SpatialMath.normalize3(v, 0);
                double dist = Math.max(m.jntRange[2 * j], m.jntRange[2 * j + 1]) - angle;
                if (dist < margin) {
                    Arrays.fill(row, 0);
                    row[da] = -v[0];
                    row[da + 1] = -v[1];
                    row[da + 2] = -v[2];
                    constraints.addRow(row, dist, margin, m.dofInvWeight0[da], m.jntSolref, m.jntSolimp, j, qvel);
                }
                continue;
            }
            for (int side = -1; side <= 1; side += 2) {
                double dist = side * (m.jntRange[2 * j + (side + 1) / 2] - qpos[qa]);
                if (!(dist < margin)) continue;
                Arrays.fill(row, 0);
                row[da] = -side;
                constraints.addRow(row, dist, margin, m.dofInvWeight0[da], m.jntSolref, m.jntSolimp, j, qvel);
            }
        }
        SpatialCollision c = collision;
        c.detect();
        for (int k = 0; k < c.ncon; k++) {
            int p = c.pair[k];
            if (!(c.dist[k] < m.pairs.margin[p] - m.pairs.gap[p])) {
                c.efcAddress[k] = -1;
                continue;
            }
            int b1 = m.geomBody[m.pairs.geom1[p]], b2 = m.geomBody[m.pairs.geom2[p]];
            Arrays.fill(jacDif, 0);
            addPointJacobian(b2, c.pos, 3 * k, 1);
            addPointJacobian(b1, c.pos, 3 * k, -1);
            frameRow(c.frame, 9 * k, jn);
            frameRow(c.frame, 9 * k + 3, jt1);
            frameRow(c.frame, 9 * k + 6, jt2);
            double tran = m.bodyInvWeight0[2 * b1] + m.bodyInvWeight0[2 * b2];
            c.efcAddress[k] = constraints.addContact(m.pairs, p, jn, jt1, jt2, c.dist[k], tran, qvel);
        }
    }

    /** jacDif (3 × nv) += sign × the translational Jacobian of the point of a body (mj_jac); the world adds nothing. */
    private void addPointJacobian(int body, double[] point, int o, double sign) {
        if (body == 0) return;
        int r = 3 * model.bodyRoot[body];
        double ox = point[o] - subtreeCom[r], oy = point[o + 1] - subtreeCom[r + 1], oz = point[o + 2] - subtreeCom[r + 2];
        for (int d : model.bodyDofs[body]) {
            int c = 6 * d;
            double wx = cdof[c], wy = cdof[c + 1], wz = cdof[c + 2];
            jacDif[d] += sign * (cdof[c + 3] + wy * oz - wz * oy);
            jacDif[nv + d] += sign * (cdof[c + 4] + wz * ox - wx * oz);
            jacDif[2 * nv + d] += sign * (cdof[c + 5] + wx * oy - wy * ox);
        }
    }

    /** A row of the contact frame times the Jacobian difference. */
    private void frameRow(double[] frame, int o, double[] out) {
        double a = frame[o], b = frame[o + 1], c = frame[o + 2];
        for (int q = 0; q < nv; q++) out[q] = a * jacDif[q] + b * jacDif[nv + q] + c * jacDif[2 * nv + q];
    }

    /**
     * The contact forces of the last evaluation on each body, about its tree's centre of mass, torque then force
     * (the contact part of mj_rnePostConstraint's cfrc_ext), into {@link #cfrcExt}.
     */
    public void contactForces() {
        SpatialModel m = model;
        SpatialCollision c = collision;
        Arrays.fill(cfrcExt, 0);
        double[] f = force3;
        for (int k = 0; k < c.ncon; k++) {
            int address = c.efcAddress[k];
            if (address < 0) continue;
            int p = c.pair[k];
            constraints.contactForce(address, m.pairs.condim[p], m.pairs.friction[p], f);
            // world force: frameᵀ f
            int fo = 9 * k;
            double fx = c.frame[fo] * f[0] + c.frame[fo + 3] * f[1] + c.frame[fo + 6] * f[2];
            double fy = c.frame[fo + 1] * f[0] + c.frame[fo + 4] * f[1] + c.frame[fo + 7] * f[2];
            double fz = c.frame[fo + 2] * f[0] + c.frame[fo + 5] * f[1] + c.frame[fo + 8] * f[2];
            for (int side = 0; side < 2; side++) {
                int b = m.geomBody[side == 0 ? m.pairs.geom1[p] : m.pairs.geom2[p]];
                if (b == 0) continue;
                int r = 3 * m.bodyRoot[b];
                double dx = subtreeCom[r] - c.pos[3 * k], dy = subtreeCom[r + 1] - c.pos[3 * k + 1], dz = subtreeCom[r + 2] - c.pos[3 * k + 2];
                double s = side == 0 ? -1 : 1;
                cfrcExt[6 * b] += s * -(dy * fz - dz * fy);
                cfrcExt[6 * b + 1] += s * -(dz * fx - dx * fz);
                cfrcExt[6 * b + 2] += s * -(dx * fy - dy * fx);
                cfrcExt[6 * b + 3] += s * fx;
                cfrcExt[6 * b + 4] += s * fy;
                cfrcExt[6 * b + 5] += s * fz;
            }
        }
    }

    // ---------------------------------------------------------------- model constants

    /**
     * MuJoCo's mj_setConst for the constraints' softness, at the reference pose: each body's inverse weights
     * (mean diagonal of {@code J M⁻¹ Jᵀ} for its centre-of-mass Jacobian, translation and rotation), each joint's
     * (mean diagonal of its block of M⁻¹, translation and rotation apart for a free joint); returns the mean
     * diagonal of M.
     */
    double setConst(double[] bodyInvWeight0, double[] dofInvWeight0) {
        SpatialModel m = model;
        kinematics();
        comPos();
        crb();
        factor(qM, qLD, qLDiagInv);
        double[] e = new double[nv], x = new double[nv];
        double[][] jac = new double[6][nv];
        for (int b = 1; b < nb; b++) {
            for (double[] r : jac) Arrays.fill(r, 0);
            int r3 = 3 * m.bodyRoot[b];
            double ox = xipos[3 * b] - subtreeCom[r3], oy = xipos[3 * b + 1] - subtreeCom[r3 + 1], oz = xipos[3 * b + 2] - subtreeCom[r3 + 2];
            for (int d : m.bodyDofs[b]) {
                int c = 6 * d;
                double wx = cdof[c], wy = cdof[c + 1], wz = cdof[c + 2];
                jac[0][d] = cdof[c + 3] + wy * oz - wz * oy;
                jac[1][d] = cdof[c + 4] + wz * ox - wx * oz;
                jac[2][d] = cdof[c + 5] + wx * oy - wy * ox;
                jac[3][d] = wx;
                jac[4][d] = wy;
                jac[5][d] = wz;
            }
            double[] diag = new double[6];
            for (int k = 0; k < 6; k++) {
                solveM(jac[k], x);
                for (int i = 0; i < nv; i++) diag[k] += jac[k][i] * x[i];
            }
            bodyInvWeight0[2 * b] = (diag[0] + diag[1] + diag[2]) / 3;
            bodyInvWeight0[2 * b + 1] = (diag[3] + diag[4] + diag[5]) / 3;
        }
        double[] minvDiag = new double[nv];
        for (int i = 0; i < nv; i++) {
            Arrays.fill(e, 0);
            e[i] = 1;
            solveM(e, x);
            minvDiag[i] = x[i];
        }
        for (int j = 0; j < nj; j++) {
            int da = m.jntDofAdr[j];
            switch (m.jntType[j]) {
                case SpatialModel.FREE -> {
                    double tran = (minvDiag[da] + minvDiag[da + 1] + minvDiag[da + 2]) / 3;
                    double rot = (minvDiag[da + 3] + minvDiag[da + 4] + minvDiag[da + 5]) / 3;
                    for (int k = 0; k < 3; k++) {
                        dofInvWeight0[da + k] = tran;
                        dofInvWeight0[da + 3 + k] = rot;
                    }
                }
                case SpatialModel.BALL -> {
                    double rot = (minvDiag[da] + minvDiag[da + 1] + minvDiag[da + 2]) / 3;
                    for (int k = 0; k < 3; k++) dofInvWeight0[da + k] = rot;
                }
                default -> dofInvWeight0[da] = minvDiag[da];
            }
        }
        double trace = 0;
        for (int i = 0; i < nv; i++) {
            if (!(qLD[i * nv + i] > SoftConstraints.MINVAL)) {
                throw new IllegalStateException("the mass matrix is singular at dof " + i);
            }
            trace += qM[i * nv + i];
        }
        return trace / Math.max(1, nv);
    }

    // ---------------------------------------------------------------- queries

    /** Number of contacts of the last evaluation (those in the margin's gap included, as MuJoCo's ncon). */
    public int contactCount() {
        return collision.ncon;
    }

    /** Constraint rows of the last evaluation. */
    public int constraintRows() {
        return constraints.rows();
    }

    /** Solver iterations of the last evaluation. */
    public int solverIterations() {
        return constraints.iterations();
    }

    /** Smallest distance of the last evaluation's contacts (negative: penetration); +∞ without contacts. */
    public double deepestContact() {
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < collision.ncon; k++) min = Math.min(min, collision.dist[k]);
        return min;
    }

    /** Largest excursion of a limited hinge or slide beyond its range (0 when all are inside). */
    public double worstLimitViolation() {
        double worst = 0;
        for (int j = 0; j < nj; j++) {
            int t = model.jntType[j];
            if (!model.jntLimited[j] || (t != SpatialModel.HINGE && t != SpatialModel.SLIDE)) continue;
            double q = qpos[model.jntQposAdr[j]];
            worst = Math.max(worst, Math.max(model.jntRange[2 * j] - q, q - model.jntRange[2 * j + 1]));
        }
        return worst;
    }

    /** Recomputes poses and com-based quantities at the current qpos (no dynamics), e.g. to draw or measure. */
    public void kinematicsOnly() {
        kinematics();
        comPos();
    }

    /** Total kinetic energy ½ q̇ᵀ M q̇ (armature included) at the current state. */
    public double kineticEnergy() {
        kinematics();
        comPos();
        crb();
        double e = 0;
        for (int i = 0; i < nv; i++) {
            double s = 0;
            for (int j = 0; j < nv; j++) s += qM[i * nv + j] * qvel[j];
            e += 0.5 * qvel[i] * s;
        }
        return e;
    }

    /** Gravitational potential energy −Σ m g·c plus joint spring energy (hinges and slides). */
    public double potentialEnergy() {
        kinematics();
        double e = 0;
        double[] g = model.gravity;
        for (int b = 1; b < nb; b++) {
            e -= model.bodyMass[b] * (g[0] * xipos[3 * b] + g[1] * xipos[3 * b + 1] + g[2] * xipos[3 * b + 2]);
        }
        for (int j = 0; j < nj; j++) {
            int t = model.jntType[j], pa = model.jntQposAdr[j];
            if (t == SpatialModel.HINGE || t == SpatialModel.SLIDE) {
                double d = qpos[pa] - model.qposSpring[pa];
                e += 0.5 * model.jntStiffness[j] * d * d;
            }
        }
        return e;
    }

    /** Total linear momentum Σ m v_com into out (3 values). */
    public void linearMomentum(double[] out) {
        startMomentum(out);
        for (int b = 1; b < nb; b++) addMomentum(b, out);
    }

    /** Evaluates poses, centres of mass and velocities at the current state and zeroes out (3 values): a momentum's start. */
    private void startMomentum(double[] out) {
        kinematics();
        comPos();
        comVel();
        Arrays.fill(out, 0, 3, 0);
    }

    /** out += the body's mass times the velocity of its centre of mass: cvel's linear part at its tree's centre plus ω × offset. */
    private double addMomentum(int b, double[] out) {
        int r = 3 * model.bodyRoot[b];
        double ox = xipos[3 * b] - subtreeCom[r], oy = xipos[3 * b + 1] - subtreeCom[r + 1], oz = xipos[3 * b + 2] - subtreeCom[r + 2];
        double wx = cvel[6 * b], wy = cvel[6 * b + 1], wz = cvel[6 * b + 2];
        double mass = model.bodyMass[b];
        out[0] += mass * (cvel[6 * b + 3] + wy * oz - wz * oy);
        out[1] += mass * (cvel[6 * b + 4] + wz * ox - wx * oz);
        out[2] += mass * (cvel[6 * b + 5] + wx * oy - wy * ox);
        return mass;
    }

    /** Total angular momentum about the world origin into out (3 values). */
    public void angularMomentum(double[] out) {
        startMomentum(out);
        for (int b = 1; b < nb; b++) {
            // h = I_com-based · cvel is the body's momentum about its tree's centre c; move it to the origin: + c × p
            mulInertVec(cinert, 10 * b, cvel, 6 * b, tmp6, 0);
            int r = 3 * model.bodyRoot[b];
            double cx = subtreeCom[r], cy = subtreeCom[r + 1], cz = subtreeCom[r + 2];
            out[0] += tmp6[0] + cy * tmp6[5] - cz * tmp6[4];
            out[1] += tmp6[1] + cz * tmp6[3] - cx * tmp6[5];
            out[2] += tmp6[2] + cx * tmp6[4] - cy * tmp6[3];
        }
    }

    /** Centre of mass of a body's subtree at the last evaluation (the world's: the whole model) into out (3 values). */
    public void subtreeCenterOfMass(int body, double[] out) {
        System.arraycopy(subtreeCom, 3 * body, out, 0, 3);
    }

    /** Linear velocity of the centre of mass of a body's subtree at the last evaluation into out (3 values). */
    public void subtreeLinearVelocity(int body, double[] out) {
        double mass = 0;
        Arrays.fill(out, 0, 3, 0);
        for (int b = Math.max(1, body); b < nb; b++) if (descends(b, body)) mass += addMomentum(b, out);
        for (int k = 0; k < 3; k++) out[k] /= Math.max(SoftConstraints.MINVAL, mass);
    }

    /** Whether body b is the ancestor or in its subtree (every body is in the world's). */
    private boolean descends(int b, int ancestor) {
        for (int x = b; x > 0; x = model.bodyParent[x]) if (x == ancestor) return true;
        return ancestor == 0;
    }
}
