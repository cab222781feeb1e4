package io.gauntlet.envs.physics;

/**
 * A planar articulated model, compiled once from MJCF ({@link MjcfLoader}) into flat arrays that the
 * simulator ({@link PlanarSim}) reads without allocation.
 *
 * <p>Coordinates. Everything moves in one plane spanned by two world axes (u, v), for example (x, z) for the
 * walkers and (x, y) for the swimmer; {@code n = u × v} is the plane's normal. Angles are counter-clockwise in
 * (u, v). A hinge whose MJCF axis is {@code a} turns its body by {@code sign·(q − ref)} with {@code sign = a·n},
 * so qpos values are exactly the ones MuJoCo reports. Bodies are stored parents first, joints (= degrees of
 * freedom) in document order, which is MuJoCo's qpos/qvel order.
 */
public final class PlanarModel {
    public static final int HINGE = 0;
    public static final int SLIDE = 1;

    public static final int INTEGRATOR_EULER = 0;
    public static final int INTEGRATOR_RK4 = 1;

    public static final int GEOM_SPHERE = 0;
    public static final int GEOM_CAPSULE = 1;
    public static final int GEOM_BOX = 2;

    public final String name;
    /** World unit vectors of the plane's axes u and v (3 components each), for drawing and for users. */
    public final double[] axisU;
    public final double[] axisV;

    // options
    public final double timestep;
    public final int integrator;
    public final double gravityU, gravityV;
    public final double viscosity, density;

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

    // joints = dofs
    public final int nv;
    public final String[] jointName;
    public final int[] jointType, jointBody;
    public final double[] jointSign, jointAxisU, jointAxisV, jointAnchorU, jointAnchorV;
    public final double[] jointRef, jointSpringRef, jointArmature, jointDamping, jointStiffness;
    public final boolean[] jointLimited;
    public final double[] jointLow, jointHigh;

    // contact points: sphere centres (capsule ends, spheres) and box corners, in body frames
    public final int ncontact;
    public final int[] contactBody;
    public final double[] contactU, contactV, contactRadius, contactFriction;
    /** The ground line {@code v = groundHeight} (normal +v), or none. */
    public final boolean hasGround;
    public final double groundHeight;

    // geoms, for drawing (body −1: static in the world)
    public final int ngeom;
    public final int[] geomBody, geomType;
    public final double[] geomU, geomV, geomDirU, geomDirV, geomSize0, geomSize1;
    public final int[] geomRgb;

    // actuators: motors on joints
    public final int nu;
    public final int[] actuatorJoint;
    public final double[] actuatorGear, actuatorLow, actuatorHigh;
    public final boolean[] actuatorLimited;

    // sites
    public final String[] siteName;
    public final int[] siteBody;
    public final double[] siteU, siteV;

    PlanarModel(MjcfLoader.Compiled c) {
        name = c.name;
        axisU = c.axisU;
        axisV = c.axisV;
        timestep = c.timestep;
        integrator = c.integrator;
        gravityU = c.gravityU;
        gravityV = c.gravityV;
        viscosity = c.viscosity;
        density = c.density;

        nbody = c.bodies.size();
        bodyName = new String[nbody];
        bodyParent = new int[nbody];
        bodyPosU = new double[nbody];
        bodyPosV = new double[nbody];
        bodyMass = new double[nbody];
        bodyComU = new double[nbody];
        bodyComV = new double[nbody];
        bodyInertia = new double[nbody];
        fluidAngle = new double[nbody];
        fluidBox1 = new double[nbody];
        fluidBox2 = new double[nbody];
        fluidBoxN = new double[nbody];
        bodyJointStart = new int[nbody];
        bodyJointCount = new int[nbody];
        for (int b = 0; b < nbody; b++) {
            MjcfLoader.BodyDef d = c.bodies.get(b);
            bodyName[b] = d.name;
            bodyParent[b] = d.parent;
            bodyPosU[b] = d.posU;
            bodyPosV[b] = d.posV;
            bodyMass[b] = d.mass;
            bodyComU[b] = d.comU;
            bodyComV[b] = d.comV;
            bodyInertia[b] = d.inertiaN;
            fluidAngle[b] = d.fluidAngle;
            fluidBox1[b] = d.box1;
            fluidBox2[b] = d.box2;
            fluidBoxN[b] = d.boxN;
            bodyJointStart[b] = d.jointStart;
            bodyJointCount[b] = d.jointCount;
        }

        nv = c.joints.size();
        jointName = new String[nv];
        jointType = new int[nv];
        jointBody = new int[nv];
        jointSign = new double[nv];
        jointAxisU = new double[nv];
        jointAxisV = new double[nv];
        jointAnchorU = new double[nv];
        jointAnchorV = new double[nv];
        jointRef = new double[nv];
        jointSpringRef = new double[nv];
        jointArmature = new double[nv];
        jointDamping = new double[nv];
        jointStiffness = new double[nv];
        jointLimited = new boolean[nv];
        jointLow = new double[nv];
        jointHigh = new double[nv];
        for (int j = 0; j < nv; j++) {
            MjcfLoader.JointDef d = c.joints.get(j);
            jointName[j] = d.name;
            jointType[j] = d.type;
            jointBody[j] = d.body;
            jointSign[j] = d.sign;
            jointAxisU[j] = d.axisU;
            jointAxisV[j] = d.axisV;
            jointAnchorU[j] = d.anchorU;
            jointAnchorV[j] = d.anchorV;
            jointRef[j] = d.ref;
            jointSpringRef[j] = d.springRef;
            jointArmature[j] = d.armature;
            jointDamping[j] = d.damping;
            jointStiffness[j] = d.stiffness;
            jointLimited[j] = d.limited;
            jointLow[j] = d.low;
            jointHigh[j] = d.high;
        }
        bodyDofs = new int[nbody][];
        for (int b = 0; b < nbody; b++) {
            int count = 0;
            for (int j = 0; j < nv; j++) if (isAncestorOrSelf(jointBody[j], b)) count++;
            int[] dofs = new int[count];
            int k = 0;
            for (int j = 0; j < nv; j++) if (isAncestorOrSelf(jointBody[j], b)) dofs[k++] = j;
            bodyDofs[b] = dofs;
        }

        ncontact = c.contacts.size();
        contactBody = new int[ncontact];
        contactU = new double[ncontact];
        contactV = new double[ncontact];
        contactRadius = new double[ncontact];
        contactFriction = new double[ncontact];
        for (int i = 0; i < ncontact; i++) {
            double[] p = c.contacts.get(i);
            contactBody[i] = (int) p[0];
            contactU[i] = p[1];
            contactV[i] = p[2];
            contactRadius[i] = p[3];
            contactFriction[i] = p[4];
        }
        hasGround = c.hasGround;
        groundHeight = c.groundHeight;

        ngeom = c.geoms.size();
        geomBody = new int[ngeom];
        geomType = new int[ngeom];
        geomU = new double[ngeom];
        geomV = new double[ngeom];
        geomDirU = new double[ngeom];
        geomDirV = new double[ngeom];
        geomSize0 = new double[ngeom];
        geomSize1 = new double[ngeom];
        geomRgb = new int[ngeom];
        for (int g = 0; g < ngeom; g++) {
            MjcfLoader.GeomDef d = c.geoms.get(g);
            geomBody[g] = d.body;
            geomType[g] = d.type;
            geomU[g] = d.u;
            geomV[g] = d.v;
            geomDirU[g] = d.dirU;
            geomDirV[g] = d.dirV;
            geomSize0[g] = d.size0;
            geomSize1[g] = d.size1;
            geomRgb[g] = d.rgb;
        }

        nu = c.actuators.size();
        actuatorJoint = new int[nu];
        actuatorGear = new double[nu];
        actuatorLow = new double[nu];
        actuatorHigh = new double[nu];
        actuatorLimited = new boolean[nu];
        for (int a = 0; a < nu; a++) {
            MjcfLoader.ActuatorDef d = c.actuators.get(a);
            actuatorJoint[a] = d.joint;
            actuatorGear[a] = d.gear;
            actuatorLow[a] = d.low;
            actuatorHigh[a] = d.high;
            actuatorLimited[a] = d.limited;
        }

        int ns = c.sites.size();
        siteName = new String[ns];
        siteBody = new int[ns];
        siteU = new double[ns];
        siteV = new double[ns];
        for (int s = 0; s < ns; s++) {
            MjcfLoader.SiteDef d = c.sites.get(s);
            siteName[s] = d.name;
            siteBody[s] = d.body;
            siteU[s] = d.u;
            siteV[s] = d.v;
        }
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
        for (int b = 0; b < nbody; b++) if (bodyName[b].equals(name)) return b;
        throw new IllegalArgumentException("no body named " + name + " in model " + this.name);
    }

    public int joint(String name) {
        for (int j = 0; j < nv; j++) if (name.equals(jointName[j])) return j;
        throw new IllegalArgumentException("no joint named " + name + " in model " + this.name);
    }

    public int site(String name) {
        for (int s = 0; s < siteName.length; s++) if (name.equals(siteName[s])) return s;
        throw new IllegalArgumentException("no site named " + name + " in model " + this.name);
    }

    public double totalMass() {
        double m = 0;
        for (double x : bodyMass) m += x;
        return m;
    }
}
