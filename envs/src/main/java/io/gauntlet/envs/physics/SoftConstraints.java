package io.gauntlet.envs.physics;

import io.gauntlet.core.linalg.Cholesky;
import java.util.Arrays;

/**
 * MuJoCo's soft constraints, shared by the planar and the spatial engine: rows of a constraint Jacobian with
 * impedance, and the convex problem that gives the constrained acceleration, solved by MuJoCo's Newton method or
 * its projected Gauss-Seidel (PGS) on the dual. An engine adds its limits and contacts as rows after each
 * collision pass ({@link #clear}, {@link #addRow}, {@link #addContact}) and then calls {@link #solve}.
 *
 * <p>Rows. A limit is one row (+1 on its dof at the lower end, −1 at the upper; a ball joint's row is minus its
 * rotation axis). A frictionless contact (condim 1) is one row along its normal; a frictional one (condim 3) is
 * MuJoCo's pyramidal cone: four rows {@code J_n ± μ J_t1}, {@code J_n ± μ J_t2}. Every row has a distance
 * {@code pos} (the contact's or limit's) and a margin.
 *
 * <p>Softness (mj_makeImpedance). From solimp {@code (d0, dmax, width, mid, power)}: the impedance
 * {@code d(r)}, r = |pos − margin|/width, rising from d0 to dmax along two power curves that meet at mid. From
 * solref {@code (timeconst, dampratio)} with {@code timeconst ≥ 2h}: {@code b = 2/(dmax·timeconst)},
 * {@code k = 1/(dmax²·timeconst²·dampratio²)}, and the reference acceleration
 * {@code aref = −b·J q̇ − k·d·(pos − margin)}. The regulariser is {@code R = (1 − d)/d · A}, A the row's
 * approximate inverse inertia from the model's inverse weights (mj_diagApprox); a pyramid's rows share
 * {@code R = 2 μ_r² R_n} with {@code μ_r = μ/√impratio}.
 *
 * <p>Problem. The acceleration minimises {@code ½ (a − a₀)ᵀ M (a − a₀) + Σ_{rows with J a < aref} ½ (J a − aref)²/R},
 * a₀ the unconstrained acceleration. Newton: Hessian {@code M + Jᵀ R⁻¹ J} over the active rows, MuJoCo's
 * exact line search, stop when the improvement or the gradient (scaled by meaninertia·nv) falls below
 * {@code opt.tolerance} or after {@code opt.iterations}. PGS: forces {@code f ≥ 0} minimising
 * {@code ½ fᵀ (J M⁻¹ Jᵀ + R) f + fᵀ (J a₀ − aref)} row by row. Both start from the better of the last step's
 * acceleration and a₀. Nothing is allocated after construction.
 */
public final class SoftConstraints {
    /** MuJoCo's mjMINVAL: the smallest value treated as non-zero. */
    public static final double MINVAL = 1e-15;
    /** MuJoCo's mjMINIMP, mjMAXIMP: the impedance range. */
    static final double MINIMP = 0.0001, MAXIMP = 0.9999;
    /** MuJoCo's mjMINMU: the smallest friction coefficient. */
    public static final double MINMU = 1e-5;
    /** The solvers (MuJoCo's opt.solver). */
    public static final int SOLVER_NEWTON = 0;
    public static final int SOLVER_PGS = 1;
    /** MuJoCo's line search: at most 50 evaluations, gradient tolerance 0.01 of the solver's. */
    private static final int LS_MAX_ITER = 50;
    private static final double LS_TOL_SCALE = 0.01;

    private final int nv;
    private final double timestep, tolerance, impratio, meanInertia;
    private final int solver, maxIterations;

    /** Rows of the last build: Jacobian (nefc × nv), distance, margin, impedance, regulariser R, 1/R, aref. */
    int nefc;
    final double[] jac;
    private final double[] pos, margin, imp, r, d, aref;
    /** Constraint forces of the last solve (MuJoCo's efc_force). */
    final double[] force;

    // solver state
    private final double[] a, ma, jar, jv, mv, search, grad, mgrad, hessian, hessianL, tmp;
    private final boolean[] active;
    private double cost, gaussCost;
    int iterations;
    // PGS: J M⁻¹ (rows), AR, b
    private final double[] minvJt, ar, b;
    // line search
    private final double[] quad;
    private final double[] quadGauss = new double[3];
    private final Point p0 = new Point(), p1 = new Point(), p2 = new Point(), pmid = new Point(), p1next = new Point(),
            p2next = new Point(), best = new Point();
    private final Point[] candidates = {p1next, p2next, pmid};
    private int lsIter;

    private static final class Point {
        double alpha, cost, d0, d1;

        void set(Point p) {
            alpha = p.alpha;
            cost = p.cost;
            d0 = p.d0;
            d1 = p.d1;
        }
    }

    /**
     * Room for {@code maxRows} rows over {@code nv} dofs; from the model's options its timestep (solref's safety floor),
     * solver, iteration limit, tolerance and impratio; its stat.meaninertia (the tolerance's scale).
     */
    public SoftConstraints(int nv, int maxRows, MjcfReader.Options options, double meanInertia) {
        this.nv = nv;
        timestep = options.timestep();
        solver = options.solver();
        maxIterations = options.iterations();
        tolerance = options.tolerance();
        impratio = options.impratio();
        this.meanInertia = meanInertia;
        jac = new double[maxRows * nv];
        pos = new double[maxRows];
        margin = new double[maxRows];
        imp = new double[maxRows];
        r = new double[maxRows];
        d = new double[maxRows];
        aref = new double[maxRows];
        force = new double[maxRows];
        jar = new double[maxRows];
        jv = new double[maxRows];
        active = new boolean[maxRows];
        quad = new double[3 * maxRows];
        b = new double[maxRows];
        boolean pgs = solver == SOLVER_PGS;
        minvJt = new double[pgs ? maxRows * nv : 0];
        ar = new double[pgs ? maxRows * maxRows : 0];
        a = new double[nv];
        ma = new double[nv];
        mv = new double[nv];
        search = new double[nv];
        grad = new double[nv];
        mgrad = new double[nv];
        tmp = new double[nv];
        hessian = new double[nv * nv];
        hessianL = new double[nv * nv];
    }

    /** Applies the inverse of the mass matrix: {@code out = M⁻¹ rhs} (rhs and out different arrays). */
    @FunctionalInterface
    public interface InverseMass {
        void solve(double[] rhs, double[] out);
    }

    /** Rows a contact of this condim takes: one without friction, four (a pyramid) with. */
    public static int rowsOfContact(int condim) {
        return condim == 1 ? 1 : 4;
    }

    // ---------------------------------------------------------------- rows

    /** Starts a new set of rows. */
    public void clear() {
        nefc = 0;
    }

    /** Number of rows. */
    public int rows() {
        return nefc;
    }

    /** Solver iterations of the last solve. */
    public int iterations() {
        return iterations;
    }

    /** Force of a row in the last solve (MuJoCo's efc_force). */
    public double force(int row) {
        return force[row];
    }

    /**
     * Adds one row (a limit): its Jacobian {@code jacRow} (nv values), distance and margin, approximate inverse
     * inertia, and solref/solimp number {@code s} of the given arrays (2 and 5 values each), at velocity qvel.
     * Returns the row's index.
     */
    public int addRow(double[] jacRow, double dist, double margin, double diagApprox, double[] solref, double[] solimp,
                      int s, double[] qvel) {
        int i = nefc++;
        System.arraycopy(jacRow, 0, jac, i * nv, nv);
        pos[i] = dist;
        this.margin[i] = margin;
        impedance(i, 1, diagApprox, solref, solimp, s, qvel);
        return i;
    }

    /**
     * Adds a contact of geom pair {@code p} from the Jacobians of its frame's normal and tangents (nv values each):
     * one row along the normal for condim 1, else MuJoCo's pyramid with the pair's friction μ (at least mjMINMU), its
     * margin less its gap, solref and solimp. {@code tran} is the sum of the two bodies' translational inverse
     * weights. Returns the index of its first row (MuJoCo's efc_address).
     */
    public int addContact(ContactPairs pairs, int p, double[] jn, double[] jt1, double[] jt2, double dist, double tran,
                          double[] qvel) {
        int condim = pairs.condim[p], s = p;
        double margin = pairs.margin[p] - pairs.gap[p], friction = pairs.friction[p];
        double[] solref = pairs.solref, solimp = pairs.solimp;
        int i = nefc;
        if (condim == 1) {
            System.arraycopy(jn, 0, jac, i * nv, nv);
            nefc += 1;
            pos[i] = dist;
            this.margin[i] = margin;
            impedance(i, 1, tran, solref, solimp, s, qvel);
            return i;
        }
        double mu = Math.max(MINMU, friction);
        for (int e = 0; e < 4; e++) {
            double[] t = e < 2 ? jt1 : jt2;
            double sg = (e % 2 == 0 ? mu : -mu);
            int o = (i + e) * nv;
            for (int q = 0; q < nv; q++) jac[o + q] = jn[q] + sg * t[q];
            pos[i + e] = dist;
            this.margin[i + e] = margin;
        }
        nefc += 4;
        impedance(i, 4, tran + mu * mu * tran, solref, solimp, s, qvel);
        // a pyramid's rows share R = 2 μ_r² R_n, μ_r the friction of the regularised cone
        double r0 = r[i];
        double r1 = r0 / Math.max(MINVAL, impratio);
        double muReg = mu * Math.sqrt(r1 / r0);
        double rpy = 2 * muReg * muReg * r0;
        for (int e = 0; e < 4; e++) {
            r[i + e] = rpy;
            d[i + e] = 1 / rpy;
        }
        return i;
    }

    /**
     * A contact's force in its frame from the forces of its rows (mju_decodePyramid): {normal, tangent 1,
     * tangent 2} into out; a frictionless contact's tangents are zero.
     */
    public void contactForce(int address, int condim, double friction, double[] out) {
        if (condim == 1) {
            out[0] = force[address];
            out[1] = 0;
            out[2] = 0;
            return;
        }
        double mu = Math.max(MINMU, friction);
        out[0] = force[address] + force[address + 1] + force[address + 2] + force[address + 3];
        out[1] = (force[address] - force[address + 1]) * mu;
        out[2] = (force[address + 2] - force[address + 3]) * mu;
    }

    /**
     * Impedance, R = (1 − d)/d·A and aref for rows i..i+count−1, which share solref/solimp number {@code s} in the
     * given arrays (2 and 5 values per entry) and the approximate inverse inertia {@code diagApprox}.
     */
    private void impedance(int i, int count, double diagApprox, double[] solref, double[] solimp, int s, double[] qvel) {
        double dmin = clampImp(solimp[5 * s]), dmax = clampImp(solimp[5 * s + 1]);
        double width = Math.max(0, solimp[5 * s + 2]), mid = clampImp(solimp[5 * s + 3]), power = Math.max(1, solimp[5 * s + 4]);
        double timeconst = Math.max(solref[2 * s], 2 * timestep);
        double dampratio = solref[2 * s + 1];
        double k = 1 / Math.max(MINVAL, dmax * dmax * timeconst * timeconst * dampratio * dampratio);
        double bd = 2 / Math.max(MINVAL, dmax * timeconst);
        for (int e = i; e < i + count; e++) {
            double x = pos[e] - margin[e];
            double dx = impedance(dmin, dmax, width, mid, power, x);
            imp[e] = dx;
            r[e] = Math.max(MINVAL, (1 - dx) * diagApprox / dx);
            d[e] = 1 / r[e];
            double vel = 0;
            for (int q = 0; q < nv; q++) vel += jac[e * nv + q] * qvel[q];
            aref[e] = -bd * vel - k * dx * x;
        }
    }

    private static double clampImp(double x) {
        return Math.min(MAXIMP, Math.max(MINIMP, x));
    }

    /** MuJoCo's impedance curve d(x) for the violation x = pos − margin. */
    public static double impedance(double dmin, double dmax, double width, double mid, double power, double violation) {
        if (dmin == dmax || width <= MINVAL) return 0.5 * (dmin + dmax);
        double x = Math.abs(violation / width);
        if (x >= 1 || x <= 0) return x >= 1 ? dmax : dmin;
        double y;
        if (power == 1) {
            y = x;
        } else if (x <= mid) {
            y = Math.pow(x, power) / Math.pow(mid, power - 1);
        } else {
            y = 1 - Math.pow(1 - x, power) / Math.pow(1 - mid, power - 1);
        }
        return dmin + y * (dmax - dmin);
    }

    // ---------------------------------------------------------------- solve

    /**
     * Solves for the constrained acceleration {@code qacc} given the mass matrix (full, row-major) and its inverse
     * (PGS uses it), the smooth force and acceleration, and a warm start; writes qacc and the generalised constraint
     * force.
     */
    public void solve(double[] mass, InverseMass inverseMass, double[] qfrcSmooth, double[] qaccSmooth, double[] warmstart,
               double[] qacc, double[] qfrcConstraint) {
        iterations = 0;
        if (nefc == 0) {
            System.arraycopy(qaccSmooth, 0, qacc, 0, nv);
            Arrays.fill(qfrcConstraint, 0);
            return;
        }
        // start from the better of the warm start and the unconstrained acceleration
        System.arraycopy(warmstart, 0, a, 0, nv);
        mulM(mass, a, ma);
        residuals(a);
        double costWarm = updateForces(false);
        for (int i = 0; i < nv; i++) costWarm += 0.5 * (ma[i] - qfrcSmooth[i]) * (a[i] - qaccSmooth[i]);
        if (solver == SOLVER_PGS) {
            pgs(inverseMass, qaccSmooth, qacc, qfrcConstraint);
            return;
        }
        residuals(qaccSmooth);
        double costSmooth = updateForces(false);
        if (costWarm > costSmooth) System.arraycopy(qaccSmooth, 0, a, 0, nv);
        newton(mass, qfrcSmooth, qaccSmooth);
        System.arraycopy(a, 0, qacc, 0, nv);
        constraintForce(qfrcConstraint);
    }

    /** jar = J x − aref. */
    private void residuals(double[] x) {
        for (int i = 0; i < nefc; i++) {
            double s = 0;
            for (int q = 0; q < nv; q++) s += jac[i * nv + q] * x[q];
            jar[i] = s - aref[i];
        }
    }

    /** Forces −jar/R of the active rows (jar < 0); returns their cost Σ ½ jar²/R. */
    private double updateForces(boolean markActive) {
        double s = 0;
        for (int i = 0; i < nefc; i++) {
            boolean on = jar[i] < 0;
            force[i] = on ? -d[i] * jar[i] : 0;
            if (on) s += 0.5 * d[i] * jar[i] * jar[i];
            if (markActive) active[i] = on;
        }
        return s;
    }

    private void constraintForce(double[] out) {
        Arrays.fill(out, 0);
        for (int i = 0; i < nefc; i++) {
            double f = force[i];
            if (f != 0) for (int q = 0; q < nv; q++) out[q] += jac[i * nv + q] * f;
        }
    }

    private void mulM(double[] mass, double[] x, double[] out) {
        for (int i = 0; i < nv; i++) {
            double s = 0;
            for (int q = 0; q < nv; q++) s += mass[i * nv + q] * x[q];
            out[i] = s;
        }
    }

    private void newton(double[] mass, double[] qfrcSmooth, double[] qaccSmooth) {
        double scale = meanInertia * Math.max(1, nv);
        mulM(mass, a, ma);
        residuals(a);
        updateCost(qfrcSmooth, qaccSmooth);
        hessian(mass);
        gradient(qfrcSmooth);
        for (int i = 0; i < nv; i++) search[i] = -mgrad[i];
        while (iterations < maxIterations) {
            double alpha = lineSearch(mass, qfrcSmooth);
            if (alpha == 0) break;
            for (int i = 0; i < nv; i++) {
                a[i] += alpha * search[i];
                ma[i] += alpha * mv[i];
            }
            for (int i = 0; i < nefc; i++) jar[i] += alpha * jv[i];
            double oldCost = cost;
            boolean changed = updateCost(qfrcSmooth, qaccSmooth);
            if (changed) hessian(mass);
            gradient(qfrcSmooth);
            iterations++;
            double improvement = (oldCost - cost) / scale;
            double gradNorm = 0;
            for (int i = 0; i < nv; i++) gradNorm += grad[i] * grad[i];
            if (improvement < tolerance || Math.sqrt(gradNorm) / scale < tolerance) break;
            for (int i = 0; i < nv; i++) search[i] = -mgrad[i];
        }
    }

    /** Forces, active set and total cost (Gauss plus constraints) at the current a; true if the active set changed. */
    private boolean updateCost(double[] qfrcSmooth, double[] qaccSmooth) {
        boolean changed = false;
        double s = 0;
        for (int i = 0; i < nefc; i++) {
            boolean on = jar[i] < 0;
            changed |= on != active[i];
            active[i] = on;
            force[i] = on ? -d[i] * jar[i] : 0;
            if (on) s += 0.5 * d[i] * jar[i] * jar[i];
        }
        double g = 0;
        for (int i = 0; i < nv; i++) g += 0.5 * (ma[i] - qfrcSmooth[i]) * (a[i] - qaccSmooth[i]);
        gaussCost = g;
        cost = s + g;
        return changed;
    }

    /** Factor of H = M + Σ_active Jᵢᵀ Jᵢ / Rᵢ. */
    private void hessian(double[] mass) {
        System.arraycopy(mass, 0, hessian, 0, nv * nv);
        for (int i = 0; i < nefc; i++) {
            if (!active[i]) continue;
            int o = i * nv;
            for (int p = 0; p < nv; p++) {
                double jp = jac[o + p] * d[i];
                if (jp == 0) continue;
                for (int q = 0; q <= p; q++) hessian[p * nv + q] += jp * jac[o + q];
            }
        }
        if (!Cholesky.factor(hessian, hessianL, nv)) throw new IllegalStateException("constraint Hessian is not positive definite");
    }

    /** grad = M a − f − Jᵀ force, and the Newton direction's H⁻¹ grad. */
    private void gradient(double[] qfrcSmooth) {
        constraintForce(tmp);
        for (int i = 0; i < nv; i++) grad[i] = ma[i] - qfrcSmooth[i] - tmp[i];
        Cholesky.solve(hessianL, nv, grad, mgrad);
    }

    // ---------------------------------------------------------------- MuJoCo's line search

    private double lineSearch(double[] mass, double[] qfrcSmooth) {
        lsIter = 0;
        double snorm = 0;
        for (int i = 0; i < nv; i++) snorm += search[i] * search[i];
        snorm = Math.sqrt(snorm);
        if (snorm < MINVAL) return 0;
        double gtol = tolerance * LS_TOL_SCALE * snorm * meanInertia * Math.max(1, nv);
        mulM(mass, search, mv);
        for (int i = 0; i < nefc; i++) {
            double s = 0;
            for (int q = 0; q < nv; q++) s += jac[i * nv + q] * search[q];
            jv[i] = s;
            double dj = d[i] * jar[i];
            quad[3 * i] = 0.5 * jar[i] * dj;
            quad[3 * i + 1] = s * dj;
            quad[3 * i + 2] = 0.5 * s * d[i] * s;
        }
        double q1 = 0, q2 = 0;
        for (int i = 0; i < nv; i++) {
            q1 += search[i] * ma[i] - search[i] * qfrcSmooth[i];
            q2 += search[i] * mv[i];
        }
        quadGauss[0] = gaussCost;
        quadGauss[1] = q1;
        quadGauss[2] = 0.5 * q2;

        p0.alpha = 0;
        eval(p0);
        p1.alpha = p0.alpha - p0.d0 / p0.d1;
        eval(p1);
        if (p0.cost < p1.cost) p1.set(p0);
        if (Math.abs(p1.d0) < gtol) return p1.alpha;
        int dir = p1.d0 < 0 ? 1 : -1;
        boolean p2updated = false;
        while (p1.d0 * dir <= -gtol && lsIter < LS_MAX_ITER) {
            p2.set(p1);
            p2updated = true;
            p1.alpha -= p1.d0 / p1.d1;
            eval(p1);
            if (Math.abs(p1.d0) < gtol) return p1.alpha;
        }
        if (lsIter >= LS_MAX_ITER || !p2updated) return p1.alpha;
        p2next.set(p1);
        p1next.alpha = p1.alpha - p1.d0 / p1.d1;
        eval(p1next);
        while (lsIter < LS_MAX_ITER) {
            pmid.alpha = 0.5 * (p1.alpha + p2.alpha);
            eval(pmid);
            int bestIndex = -1;
            for (int k = 0; k < 3; k++) {
                Point c = candidates[k];
                if (Math.abs(c.d0) < gtol && (bestIndex < 0 || c.cost < best.cost)) {
                    best.set(c);
                    bestIndex = k;
                }
            }
            if (bestIndex >= 0) return best.alpha;
            // the candidates change while brackets update: remember them first, as MuJoCo passes them by value
            boolean b1 = updateBracket(p1, p1next);
            boolean b2 = updateBracket(p2, p2next);
            if (!b1 && !b2) return pmid.alpha;
        }
        if (p1.cost <= p2.cost && p1.cost < p0.cost) return p1.alpha;
        if (p2.cost <= p1.cost && p2.cost < p0.cost) return p2.alpha;
        return 0;
    }

    private final Point[] snapshot = {new Point(), new Point(), new Point()};

    /** Moves bracket end p towards a candidate with a smaller derivative of the same sign; then its Newton point. */
    private boolean updateBracket(Point p, Point next) {
        // candidates as they were at the start of this round (p1next may have moved when p1's bracket updated)
        if (p == p1) {
            for (int k = 0; k < 3; k++) snapshot[k].set(candidates[k]);
        }
        boolean flag = false;
        for (int k = 0; k < 3; k++) {
            Point c = snapshot[k];
            if (p.d0 < 0 && c.d0 < 0 && p.d0 < c.d0) {
                p.set(c);
                flag = true;
            } else if (p.d0 > 0 && c.d0 > 0 && p.d0 > c.d0) {
                p.set(c);
                flag = true;
            }
        }
        if (flag) {
            next.alpha = p.alpha - p.d0 / p.d1;
            eval(next);
        }
        return flag;
    }

    /** Cost and its first two derivatives along the search direction at p.alpha. */
    private void eval(Point p) {
        double alpha = p.alpha;
        double c0 = quadGauss[0], c1 = quadGauss[1], c2 = quadGauss[2];
        for (int i = 0; i < nefc; i++) {
            if (jar[i] + alpha * jv[i] < 0) {
                c0 += quad[3 * i];
                c1 += quad[3 * i + 1];
                c2 += quad[3 * i + 2];
            }
        }
        p.cost = alpha * alpha * c2 + alpha * c1 + c0;
        p.d0 = 2 * alpha * c2 + c1;
        p.d1 = 2 * c2;
        if (p.d1 <= 0) p.d1 = MINVAL;
        lsIter++;
    }

    // ---------------------------------------------------------------- PGS

    /** Projected Gauss-Seidel on the dual; the forces of the warm start (already in {@link #force}) if they help. */
    private void pgs(InverseMass inverseMass, double[] qaccSmooth, double[] qacc, double[] qfrcConstraint) {
        for (int i = 0; i < nefc; i++) {
            System.arraycopy(jac, i * nv, tmp, 0, nv);
            inverseMass.solve(tmp, mgrad);
            System.arraycopy(mgrad, 0, minvJt, i * nv, nv);
        }
        for (int i = 0; i < nefc; i++) {
            for (int k = 0; k < nefc; k++) {
                double s = 0;
                for (int q = 0; q < nv; q++) s += jac[i * nv + q] * minvJt[k * nv + q];
                ar[i * nefc + k] = s;
            }
            ar[i * nefc + i] += r[i];
            double s = 0;
            for (int q = 0; q < nv; q++) s += jac[i * nv + q] * qaccSmooth[q];
            b[i] = s - aref[i];
        }
        double warm = 0;
        for (int i = 0; i < nefc; i++) {
            double s = 0;
            for (int k = 0; k < nefc; k++) s += ar[i * nefc + k] * force[k];
            warm += force[i] * b[i] + 0.5 * force[i] * s;
        }
        if (warm > 0) Arrays.fill(force, 0, nefc, 0);
        double scale = meanInertia * Math.max(1, nv);
        while (iterations < maxIterations) {
            double improvement = 0;
            for (int i = 0; i < nefc; i++) {
                double res = b[i];
                for (int k = 0; k < nefc; k++) res += ar[i * nefc + k] * force[k];
                double old = force[i];
                double diag = ar[i * nefc + i];
                double f = Math.max(0, old - res / diag);
                double delta = f - old;
                double change = 0.5 * delta * delta * diag + delta * res;
                if (change > 1e-10) {
                    change = 0;
                } else {
                    force[i] = f;
                }
                improvement -= change;
            }
            iterations++;
            if (improvement / scale < tolerance) break;
        }
        constraintForce(qfrcConstraint);
        for (int q = 0; q < nv; q++) qacc[q] = qaccSmooth[q];
        for (int i = 0; i < nefc; i++) {
            double f = force[i];
            if (f != 0) for (int q = 0; q < nv; q++) qacc[q] += minvJt[i * nv + q] * f;
        }
    }
}
