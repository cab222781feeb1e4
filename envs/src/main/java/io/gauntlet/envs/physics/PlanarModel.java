package io.gauntlet.envs.physics;

import static io.gauntlet.envs.physics.Columns.booleans;
import static io.gauntlet.envs.physics.Columns.concat;
import static io.gauntlet.envs.physics.Columns.doubles;
import static io.gauntlet.envs.physics.Columns.ints;
import static io.gauntlet.envs.physics.Columns.strings;

import java.util.List;

/**
 * A planar articulated model, compiled once from MJCF ({@link MjcfLoader}) into flat arrays that the
 * simulator ({@link PlanarSim}) reads without allocation.
 *
 * <p>Coordinates. Everything moves in one plane spanned by two world axes (u, v), for example (x, z) for the
 * walkers and (x, y) for the swimmer; {@code n = u × v} is the plane's normal. Angles are counter-clockwise in
 * (u, v). A hinge whose MJCF axis is {@code a} turns its body by {@code sign·(q − ref)} with {@code sign = a·n},
 * so qpos values are exactly the ones MuJoCo reports. Bodies are stored parents first, joints (= degrees of
 * freedom) in document order, which is MuJoCo's qpos/qvel order.
 *
 * <p>Contacts. The geom pairs that may touch are listed once at compile time with MuJoCo's combined parameters
 * (condim, friction, margin, gap, solref, solimp); joint limits carry their own solref/solimp/margin. The inverse
 * weights MuJoCo computes in the reference pose ({@code body_invweight0}, {@code dof_invweight0},
 * {@code stat.meaninertia}) scale the constraints' softness and the solver's tolerance.
 */
public final class PlanarModel {
    public static final int HINGE = 0;
    public static final int SLIDE = 1;

    public static final int INTEGRATOR_EULER = MjcfReader.INTEGRATOR_EULER;
    public static final int INTEGRATOR_RK4 = MjcfReader.INTEGRATOR_RK4;

    public static final int SOLVER_NEWTON = SoftConstraints.SOLVER_NEWTON;
    public static final int SOLVER_PGS = SoftConstraints.SOLVER_PGS;

    /** Geom types ({@link MjcfReader}'s, ordered as MuJoCo orders them). */
    public static final int GEOM_PLANE = MjcfReader.GEOM_PLANE;
    public static final int GEOM_SPHERE = MjcfReader.GEOM_SPHERE;
    public static final int GEOM_CAPSULE = MjcfReader.GEOM_CAPSULE;
    public static final int GEOM_BOX = MjcfReader.GEOM_BOX;

    public final String name;
    /** World unit vectors of the plane's axes u and v (3 components each), for drawing and for users. */
    public final double[] axisU;
    public final double[] axisV;

    // options
    public final double timestep;
    public final int integrator;
    public final double gravityU, gravityV;
    public final double viscosity, density;
    /** {@code <option>} as read: the constraint solver's settings among them. */
    public final MjcfReader.Options options;

    // bodies (parents first); parent -1 is the world
    public final int nbody;
    public final String[] bodyName;
    public final int[] bodyParent;
    public final double[] bodyPosU, bodyPosV;
    public final double[] bodyMass, bodyComU, bodyComV, bodyInertia;
    /** Fluid model: the body's equivalent inertia box (side lengths) along its in-plane principal axes and n. */
    public final double[] fluidAngle, fluidBox1, fluidBox2, fluidBoxN;
    public final int[] bodyJointStart, bodyJointCount;
    /** Dofs that move each body (its ancestors' joints and its own), ascending. */
    public final int[][] bodyDofs;
    /** MuJoCo's body_invweight0: mean diagonal of the inverse translational and rotational inertia at qpos0. */
    public final double[] bodyInvWeightTran, bodyInvWeightRot;

    // joints = dofs
    public final int nv;
    public final String[] jointName;
    public final int[] jointType, jointBody;
    public final double[] jointSign, jointAxisU, jointAxisV, jointAnchorU, jointAnchorV;
    public final double[] jointRef, jointSpringRef, jointArmature, jointDamping, jointStiffness;
    public final boolean[] jointLimited;
    public final double[] jointLow, jointHigh;
    /** Limits: margin, solreflimit (2 per joint) and solimplimit (5 per joint). */
    public final double[] jointMargin, jointSolref, jointSolimp;
    /** MuJoCo's dof_invweight0: the diagonal of the inverse mass matrix at qpos0. */
    public final double[] dofInvWeight;
    /** MuJoCo's stat.meaninertia: the mean diagonal of the mass matrix at qpos0 (scales the solver's tolerance). */
    public final double meanInertia;

    /** The ground line {@code v = groundHeight} (normal +v), or none. */
    public final boolean hasGround;
    public final double groundHeight;

    // geoms (body −1: static in the world); (u, v) centre and (dirU, dirV) axis in the body frame
    public final int ngeom;
    public final String[] geomName;
    public final int[] geomBody, geomType;
    public final double[] geomU, geomV, geomDirU, geomDirV;
    /** World coordinate of each geom's centre along the plane's normal (constant). */
    public final double[] geomN;
    /** Sphere: radius; capsule: radius, half length; box: half extents along dir and its in-plane perpendicular. */
    public final double[] geomSize0, geomSize1;
    /** Boxes: in-plane components of the three local box axes (6 per geom) and the three half sizes (3 per geom). */
    public final double[] geomBoxAxes, geomBoxHalf;
    public final int[] geomRgb;

    /** The geom pairs that may collide. */
    public final ContactPairs pairs;

    /** The motors, on joints. */
    public final Actuators actuators;
    public final int nu;

    // sites
    public final String[] siteName;
    public final int[] siteBody;
    public final double[] siteU, siteV;

    PlanarModel(MjcfLoader.Compiled c) {
        name = c.name;
        axisU = c.axisU;
        axisV = c.axisV;
        timestep = c.options.timestep();
        integrator = c.options.integrator();
        gravityU = c.gravityU;
        gravityV = c.gravityV;
        viscosity = c.options.viscosity();
        density = c.options.density();
        options = c.options;

        List<MjcfLoader.BodyDef> bodies = c.bodies;
        nbody = bodies.size();
        bodyName = strings(bodies, d -> d.name);
        bodyParent = ints(bodies, d -> d.parent);
        bodyPosU = doubles(bodies, d -> d.posU);
        bodyPosV = doubles(bodies, d -> d.posV);
        bodyMass = doubles(bodies, d -> d.mass);
        bodyComU = doubles(bodies, d -> d.comU);
        bodyComV = doubles(bodies, d -> d.comV);
        bodyInertia = doubles(bodies, d -> d.inertiaN);
        fluidAngle = doubles(bodies, d -> d.fluidAngle);
        fluidBox1 = doubles(bodies, d -> d.box1);
        fluidBox2 = doubles(bodies, d -> d.box2);
        fluidBoxN = doubles(bodies, d -> d.boxN);
        bodyJointStart = ints(bodies, d -> d.jointStart);
        bodyJointCount = ints(bodies, d -> d.jointCount);

        List<MjcfLoader.JointDef> joints = c.joints;
        nv = joints.size();
        jointName = strings(joints, d -> d.name);
        jointType = ints(joints, d -> d.type);
        jointBody = ints(joints, d -> d.body);
        jointSign = doubles(joints, d -> d.sign);
        jointAxisU = doubles(joints, d -> d.axisU);
        jointAxisV = doubles(joints, d -> d.axisV);
        jointAnchorU = doubles(joints, d -> d.anchorU);
        jointAnchorV = doubles(joints, d -> d.anchorV);
        jointRef = doubles(joints, d -> d.ref);
        jointSpringRef = doubles(joints, d -> d.springRef);
        jointArmature = doubles(joints, d -> d.armature);
        jointDamping = doubles(joints, d -> d.damping);
        jointStiffness = doubles(joints, d -> d.stiffness);
        jointLimited = booleans(joints, d -> d.limit.limited());
        jointLow = doubles(joints, d -> d.limit.low());
        jointHigh = doubles(joints, d -> d.limit.high());
        jointMargin = doubles(joints, d -> d.limit.margin());
        jointSolref = concat(joints, d -> d.limit.solref());
        jointSolimp = concat(joints, d -> d.limit.solimp());
        bodyDofs = new int[nbody][];
        for (int b = 0; b < nbody; b++) {
            final int body = b;
            bodyDofs[b] = java.util.stream.IntStream.range(0, nv).filter(j -> isAncestorOrSelf(jointBody[j], body)).toArray();
        }

        hasGround = c.hasGround;
        groundHeight = c.groundHeight;

        List<MjcfLoader.GeomDef> geoms = c.geoms;
        ngeom = geoms.size();
        geomName = strings(geoms, d -> d.name);
        geomBody = ints(geoms, d -> d.body);
        geomType = ints(geoms, d -> d.type);
        geomU = doubles(geoms, d -> d.u);
        geomV = doubles(geoms, d -> d.v);
        geomDirU = doubles(geoms, d -> d.dirU);
        geomDirV = doubles(geoms, d -> d.dirV);
        geomN = doubles(geoms, d -> d.worldN);
        geomSize0 = doubles(geoms, d -> d.size0);
        geomSize1 = doubles(geoms, d -> d.size1);
        geomBoxAxes = concat(geoms, d -> d.boxAxes != null ? d.boxAxes : new double[6]);
        geomBoxHalf = concat(geoms, d -> d.boxHalf != null ? d.boxHalf : new double[3]);
        geomRgb = ints(geoms, d -> d.rgb);

        pairs = new ContactPairs(c.pairs);
        actuators = new Actuators(c.actuators);
        nu = actuators.count;

        List<MjcfLoader.SiteDef> sites = c.sites;
        siteName = strings(sites, d -> d.name);
        siteBody = ints(sites, d -> d.body);
        siteU = doubles(sites, d -> d.u);
        siteV = doubles(sites, d -> d.v);

        bodyInvWeightTran = new double[nbody];
        bodyInvWeightRot = new double[nbody];
        dofInvWeight = new double[nv];
        meanInertia = new PlanarSim(this).setConst(bodyInvWeightTran, bodyInvWeightRot, dofInvWeight);
    }

    private boolean isAncestorOrSelf(int a, int b) {
        for (int x = b; x >= 0; x = bodyParent[x]) if (x == a) return true;
        return false;
    }

    /** qpos of the model's reference pose (each joint at its {@code ref}), as MuJoCo's qpos0. */
    public double[] qpos0() {
        return jointRef.clone();
    }

    public int body(String name) {
        return MjcfReader.index(bodyName, name, "body", this.name);
    }

    public int joint(String name) {
        return MjcfReader.index(jointName, name, "joint", this.name);
    }

    public int site(String name) {
        return MjcfReader.index(siteName, name, "site", this.name);
    }

    public double totalMass() {
        double m = 0;
        for (double x : bodyMass) m += x;
        return m;
    }
}
