package io.gauntlet.envs.physics.spatial;

import io.gauntlet.envs.physics.Actuators;
import io.gauntlet.envs.physics.ContactPairs;
import io.gauntlet.envs.physics.MjcfReader;
import java.util.Arrays;
import java.util.List;

/**
 * A 3D articulated model, compiled once from MJCF ({@link SpatialMjcf}) into flat arrays laid out as MuJoCo's
 * mjModel, which the simulator ({@link SpatialSim}) reads without allocation.
 *
 * <p>Layout. Body 0 is the world; bodies follow in depth-first document order, so a parent precedes its children.
 * Joints, dofs and geoms follow their bodies. qpos holds a free joint as position and unit quaternion (7), a ball
 * joint as a quaternion (4), hinges and slides as one number; qvel has 6, 3 and 1 values for them (a free joint's
 * linear velocity in the world frame, angular velocities in the body's frame), in MuJoCo's order. Vectors are
 * stored three (or four, nine, ten) numbers per element.
 *
 * <p>Contacts. The geom pairs that may touch are listed once at compile time in MuJoCo's order (body pairs by
 * signature, then geoms) with their combined contact parameters. The inverse weights MuJoCo computes in the
 * reference pose ({@code body_invweight0}, {@code dof_invweight0}, {@code stat.meaninertia}) scale the constraints'
 * softness and the solver's tolerance.
 */
public final class SpatialModel {
    /** Joint types, numbered as MuJoCo numbers them. */
    public static final int FREE = 0;
    public static final int BALL = 1;
    public static final int SLIDE = 2;
    public static final int HINGE = 3;

    public final String name;

    // options
    public final double timestep;
    public final int integrator;
    public final double[] gravity;
    /** {@code <option>} as read: the constraint solver's settings among them. */
    public final MjcfReader.Options options;

    // sizes
    public final int nq, nv, nbody, njnt, ngeom, nu, nsite;

    // bodies
    public final String[] bodyName;
    public final int[] bodyParent, bodyRoot, bodyWeld;
    /** Position and orientation in the parent's frame (a free body's are its qpos0). */
    public final double[] bodyPos, bodyQuat;
    /** Mass, centre of mass in the body frame, and inertia tensor about it (Ixx, Iyy, Izz, Ixy, Ixz, Iyz) in the body frame. */
    public final double[] bodyMass, bodyIpos, bodyInertia;
    public final int[] bodyJntAdr, bodyJntNum, bodyDofAdr, bodyDofNum, bodyGeomAdr, bodyGeomNum;
    /** The dofs that move each body (those of its ancestors and its own), ascending. */
    public final int[][] bodyDofs;
    /** MuJoCo's body_invweight0: translational and rotational (2 per body). */
    public final double[] bodyInvWeight0;

    // joints
    public final String[] jntName;
    public final int[] jntType, jntBody, jntQposAdr, jntDofAdr;
    /** Anchor and axis in the body frame. */
    public final double[] jntPos, jntAxis;
    public final boolean[] jntLimited;
    /** Limits: range (2 per joint), margin, solreflimit (2 per joint), solimplimit (5 per joint). */
    public final double[] jntRange, jntMargin, jntSolref, jntSolimp;
    public final double[] jntStiffness;

    // dofs
    public final int[] dofBody, dofJnt, dofParent;
    /** Each dof's ancestors in the tree, nearest first (the chain of dofParent), where the mass matrix has its entries. */
    public final int[][] dofAncestors;
    public final double[] dofArmature, dofDamping;
    /** MuJoCo's dof_invweight0. */
    public final double[] dofInvWeight0;

    /** qpos of the reference pose, and the springs' rest positions. */
    public final double[] qpos0, qposSpring;
    /** MuJoCo's stat.meaninertia: the mean diagonal of the mass matrix at qpos0. */
    public final double meanInertia;

    // geoms
    public final String[] geomName;
    public final int[] geomType, geomBody, geomRgb;
    /** Position and orientation in the body frame; sizes (3 per geom: sphere r; capsule r, half length; box half sizes). */
    public final double[] geomPos, geomQuat, geomSize;
    /** Radius of the bounding sphere about the geom's centre (0 for planes). */
    public final double[] geomRbound;

    /** The geom pairs that may collide. */
    public final ContactPairs pairs;

    /** The motors, on hinge and slide joints. */
    public final Actuators actuators;

    // sites
    public final String[] siteName;
    public final int[] siteBody;
    public final double[] sitePos;

    SpatialModel(SpatialMjcf.Compiled c) {
        name = c.name;
        timestep = c.options.timestep();
        integrator = c.options.integrator();
        gravity = c.options.gravity();
        options = c.options;

        List<SpatialMjcf.BodyDef> bodies = c.bodies;
        List<SpatialMjcf.JointDef> joints = c.joints;
        List<SpatialMjcf.GeomDef> geoms = c.geoms;
        nbody = bodies.size();
        njnt = joints.size();
        ngeom = geoms.size();
        nu = c.actuators.size();
        nsite = c.sites.size();

        bodyName = new String[nbody];
        bodyParent = new int[nbody];
        bodyRoot = new int[nbody];
        bodyWeld = new int[nbody];
        bodyPos = new double[3 * nbody];
        bodyQuat = new double[4 * nbody];
        bodyMass = new double[nbody];
        bodyIpos = new double[3 * nbody];
        bodyInertia = new double[6 * nbody];
        bodyJntAdr = new int[nbody];
        bodyJntNum = new int[nbody];
        bodyDofAdr = new int[nbody];
        bodyDofNum = new int[nbody];
        bodyGeomAdr = new int[nbody];
        bodyGeomNum = new int[nbody];
        for (int b = 0; b < nbody; b++) {
            SpatialMjcf.BodyDef d = bodies.get(b);
            bodyName[b] = d.name;
            bodyParent[b] = d.parent;
            bodyRoot[b] = b == 0 ? 0 : d.parent == 0 ? b : bodyRoot[d.parent];
            bodyWeld[b] = b == 0 ? 0 : d.jointCount > 0 ? b : bodyWeld[d.parent];
            System.arraycopy(d.pos, 0, bodyPos, 3 * b, 3);
            System.arraycopy(d.quat, 0, bodyQuat, 4 * b, 4);
            bodyMass[b] = d.mass;
            System.arraycopy(d.ipos, 0, bodyIpos, 3 * b, 3);
            System.arraycopy(d.inertia, 0, bodyInertia, 6 * b, 6);
            bodyJntAdr[b] = d.jointStart;
            bodyJntNum[b] = d.jointCount;
            bodyGeomAdr[b] = d.geomStart;
            bodyGeomNum[b] = d.geomCount;
        }

        jntName = new String[njnt];
        jntType = new int[njnt];
        jntBody = new int[njnt];
        jntQposAdr = new int[njnt];
        jntDofAdr = new int[njnt];
        jntPos = new double[3 * njnt];
        jntAxis = new double[3 * njnt];
        jntLimited = new boolean[njnt];
        jntRange = new double[2 * njnt];
        jntMargin = new double[njnt];
        jntSolref = new double[2 * njnt];
        jntSolimp = new double[5 * njnt];
        jntStiffness = new double[njnt];
        int q = 0, v = 0;
        for (int j = 0; j < njnt; j++) {
            SpatialMjcf.JointDef d = joints.get(j);
            jntName[j] = d.name;
            jntType[j] = d.type;
            jntBody[j] = d.body;
            jntQposAdr[j] = q;
            jntDofAdr[j] = v;
            q += qposSize(d.type);
            v += dofSize(d.type);
            System.arraycopy(d.pos, 0, jntPos, 3 * j, 3);
            System.arraycopy(d.axis, 0, jntAxis, 3 * j, 3);
            jntLimited[j] = d.limit.limited();
            jntRange[2 * j] = d.limit.low();
            jntRange[2 * j + 1] = d.limit.high();
            jntMargin[j] = d.limit.margin();
            System.arraycopy(d.limit.solref(), 0, jntSolref, 2 * j, 2);
            System.arraycopy(d.limit.solimp(), 0, jntSolimp, 5 * j, 5);
            jntStiffness[j] = d.stiffness;
        }
        nq = q;
        nv = v;
        qpos0 = new double[nq];
        qposSpring = new double[nq];
        dofBody = new int[nv];
        dofJnt = new int[nv];
        dofParent = new int[nv];
        dofArmature = new double[nv];
        dofDamping = new double[nv];
        for (int j = 0; j < njnt; j++) {
            SpatialMjcf.JointDef d = joints.get(j);
            System.arraycopy(d.qpos0, 0, qpos0, jntQposAdr[j], d.qpos0.length);
            System.arraycopy(d.qposSpring, 0, qposSpring, jntQposAdr[j], d.qposSpring.length);
            for (int k = 0; k < dofSize(d.type); k++) {
                int i = jntDofAdr[j] + k;
                dofBody[i] = d.body;
                dofJnt[i] = j;
                dofArmature[i] = d.armature;
                dofDamping[i] = d.damping;
            }
        }
        // a dof's parent: the previous dof of its body, else the last dof of the nearest ancestor with dofs
        for (int b = 0; b < nbody; b++) {
            int first = bodyJntNum[b] > 0 ? jntDofAdr[bodyJntAdr[b]] : -1;
            int count = 0;
            for (int j = bodyJntAdr[b]; j < bodyJntAdr[b] + bodyJntNum[b]; j++) count += dofSize(jntType[j]);
            bodyDofAdr[b] = first < 0 ? (b == 0 ? 0 : -1) : first;
            bodyDofNum[b] = count;
            int parentDof = -1;
            for (int a = b == 0 ? -1 : bodyParent[b]; a > 0 && parentDof < 0; a = bodyParent[a]) {
                if (bodyDofNum[a] > 0) parentDof = bodyDofAdr[a] + bodyDofNum[a] - 1;
            }
            for (int k = 0; k < count; k++) dofParent[first + k] = k == 0 ? parentDof : first + k - 1;
        }
        dofAncestors = new int[nv][];
        for (int i = 0; i < nv; i++) {
            int n = 0;
            for (int j = dofParent[i]; j >= 0; j = dofParent[j]) n++;
            dofAncestors[i] = new int[n];
            n = 0;
            for (int j = dofParent[i]; j >= 0; j = dofParent[j]) dofAncestors[i][n++] = j;
        }
        bodyDofs = new int[nbody][];
        for (int b = 0; b < nbody; b++) {
            int[] chain = new int[nv];
            int n = 0;
            int a = b;
            while (a > 0 && bodyDofNum[a] == 0) a = bodyParent[a];
            for (int i = a > 0 ? bodyDofAdr[a] + bodyDofNum[a] - 1 : -1; i >= 0; i = dofParent[i]) chain[n++] = i;
            int[] dofs = Arrays.copyOf(chain, n);
            Arrays.sort(dofs);
            bodyDofs[b] = dofs;
        }

        geomName = new String[ngeom];
        geomType = new int[ngeom];
        geomBody = new int[ngeom];
        geomRgb = new int[ngeom];
        geomPos = new double[3 * ngeom];
        geomQuat = new double[4 * ngeom];
        geomSize = new double[3 * ngeom];
        geomRbound = new double[ngeom];
        for (int g = 0; g < ngeom; g++) {
            SpatialMjcf.GeomDef d = geoms.get(g);
            geomName[g] = d.name;
            geomType[g] = d.type;
            geomBody[g] = d.body;
            geomRgb[g] = d.rgb;
            System.arraycopy(d.pos, 0, geomPos, 3 * g, 3);
            System.arraycopy(d.quat, 0, geomQuat, 4 * g, 4);
            System.arraycopy(d.size, 0, geomSize, 3 * g, 3);
            geomRbound[g] = d.rbound;
        }

        pairs = new ContactPairs(c.pairs);
        actuators = new Actuators(c.actuators);

        siteName = new String[nsite];
        siteBody = new int[nsite];
        sitePos = new double[3 * nsite];
        for (int s = 0; s < nsite; s++) {
            siteName[s] = c.sites.get(s).name();
            siteBody[s] = c.sites.get(s).body();
            System.arraycopy(c.sites.get(s).pos(), 0, sitePos, 3 * s, 3);
        }

        bodyInvWeight0 = new double[2 * nbody];
        dofInvWeight0 = new double[nv];
        meanInertia = new SpatialSim(this).setConst(bodyInvWeight0, dofInvWeight0);
    }

    /** Values a joint of this type takes in qpos. */
    public static int qposSize(int type) {
        return type == FREE ? 7 : type == BALL ? 4 : 1;
    }

    /** Values a joint of this type takes in qvel (its degrees of freedom). */
    public static int dofSize(int type) {
        return type == FREE ? 6 : type == BALL ? 3 : 1;
    }

    public int body(String name) {
        return MjcfReader.index(bodyName, name, "body", this.name);
    }

    public int joint(String name) {
        return MjcfReader.index(jntName, name, "joint", this.name);
    }

    public int geom(String name) {
        return MjcfReader.index(geomName, name, "geom", this.name);
    }

    public double totalMass() {
        double m = 0;
        for (double x : bodyMass) m += x;
        return m;
    }
}
