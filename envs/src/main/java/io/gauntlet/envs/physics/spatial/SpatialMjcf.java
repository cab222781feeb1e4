package io.gauntlet.envs.physics.spatial;

import io.gauntlet.envs.physics.MjcfReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Reads MJCF into a {@link SpatialModel}, compiling it as MuJoCo 2.2.2's compiler does.
 *
 * <p>Supported, beyond what {@link MjcfReader} reads for both engines: bodies with a position and an orientation
 * (quat, axisangle), free joints ({@code type="free"} or {@code <freejoint>}, on children of the world), ball,
 * hinge and slide joints (axis, pos, ref, springref, stiffness, damping, armature, range/limited, margin,
 * solreflimit, solimplimit), sphere, capsule, box and plane geoms (pos, quat, axisangle, fromto, size, density or
 * mass, the contact properties), {@code <inertial>} (pos, quat, mass, diaginertia or fullinertia), sites, and
 * motors on hinges and slides. Inertia comes from the geoms (MuJoCo's capsule, sphere and box formulas, combined
 * about the body's centre of mass) unless the body has an {@code <inertial>} and the compiler does not say
 * {@code inertiafromgeom="true"}. Geom pairs that may collide are filtered as MuJoCo filters them
 * (contype/conaffinity, bodies welded together, parent and child); a pair whose shapes have no contact function
 * here (a box against anything but a plane) is refused, as is anything else not listed.
 */
public final class SpatialMjcf {
    private SpatialMjcf() {}

    /** Loads a model from a class-path resource, e.g. {@code /io/gauntlet/envs/locomotion/ant.xml}. */
    public static SpatialModel loadResource(String resource) {
        return MjcfReader.fromResource(resource, SpatialMjcf::load);
    }

    /** Loads a user's model file. */
    public static SpatialModel load(Path file) {
        return MjcfReader.fromFile(file, SpatialMjcf::load);
    }

    public static SpatialModel load(InputStream in, String source) {
        return new Parser(source).parse(MjcfReader.parse(in, source));
    }

    // ---- intermediate definitions, turned into arrays by SpatialModel ----

    static final class BodyDef {
        String name;
        int parent;
        double[] pos = new double[3], quat = {1, 0, 0, 0};
        double mass;
        double[] ipos = new double[3], inertia = new double[6];
        int jointStart, jointCount, geomStart, geomCount;
    }

    static final class JointDef {
        String name;
        int type, body;
        double[] pos = new double[3], axis = {0, 0, 1};
        double[] qpos0, qposSpring;
        double armature, damping, stiffness;
        MjcfReader.JointLimit limit;
    }

    static final class GeomDef {
        String name;
        int type, body, rgb;
        double[] pos, quat, size = new double[3];
        double rbound, mass;
        /** Principal moments about the geom's centre along its own axes. */
        double[] diagInertia;
        MjcfReader.ContactProperties contact;
    }

    record SiteDef(String name, int body, double[] pos) {}

    static final class Compiled {
        String name;
        MjcfReader.Options options;
        final List<BodyDef> bodies = new ArrayList<>();
        final List<JointDef> joints = new ArrayList<>();
        final List<GeomDef> geoms = new ArrayList<>();
        final List<MjcfReader.Pair> pairs = new ArrayList<>();
        final List<MjcfReader.Motor> actuators = new ArrayList<>();
        final List<SiteDef> sites = new ArrayList<>();
    }

    private static final Set<String> BODY_ATTRS = Set.of("name", "pos", "quat", "axisangle", "childclass");
    private static final Set<String> GEOM_ATTRS = Set.of("name", "type", "size", "pos", "quat", "axisangle", "fromto",
            "density", "mass", "friction", "contype", "conaffinity", "condim", "rgba", "material", "margin", "solimp",
            "solref", "solmix", "gap", "group", "user", "class");
    private static final Set<String> INERTIAL_ATTRS = Set.of("pos", "quat", "axisangle", "mass", "diaginertia", "fullinertia");
    private static final Set<String> SITE_ATTRS = Set.of("name", "pos", "quat", "size", "type", "rgba", "group", "class");

    /** One parse: state that lives while reading one document. */
    private static final class Parser extends MjcfReader {
        final Compiled c = new Compiled();
        /** Per body, in body order: its geoms, joints and explicit inertial (or null). */
        final List<List<GeomDef>> bodyGeoms = new ArrayList<>();
        final List<List<JointDef>> bodyJoints = new ArrayList<>();
        final List<Element> inertials = new ArrayList<>();

        Parser(String source) {
            super(source);
        }

        SpatialModel parse(Element root) {
            Sections sections = sections(root);
            c.name = sections.name();
            c.options = options();
            if (viscosity != 0 || density != 0) throw bad("fluid forces (<option viscosity/density>) are not supported in 3D");
            BodyDef world = new BodyDef();
            world.name = "world";
            world.parent = -1;
            addBody(world, null);
            for (Element e : children(sections.worldbody())) {
                switch (e.getTagName()) {
                    case "body" -> body(e, 0);
                    case "geom" -> bodyGeoms.get(0).add(geom(e, 0));
                    case "site" -> site(e, 0);
                    case "light", "camera" -> { }
                    default -> throw bad("unsupported element <" + e.getTagName() + "> in <worldbody>");
                }
            }
            if (c.bodies.size() < 2) throw bad("no bodies");
            for (int b = 0; b < c.bodies.size(); b++) {
                BodyDef body = c.bodies.get(b);
                body.jointStart = c.joints.size();
                body.jointCount = bodyJoints.get(b).size();
                c.joints.addAll(bodyJoints.get(b));
                body.geomStart = c.geoms.size();
                body.geomCount = bodyGeoms.get(b).size();
                c.geoms.addAll(bodyGeoms.get(b));
            }
            compileInertia();
            collisionPairs();
            for (Motor motor : motors(sections.actuator(), c.joints.stream().map(j -> j.name).toList())) {
                int type = c.joints.get(motor.joint()).type;
                if (type != SpatialModel.HINGE && type != SpatialModel.SLIDE) {
                    throw bad("motor on '" + c.joints.get(motor.joint()).name + "': only hinge and slide joints can be driven");
                }
                c.actuators.add(motor);
            }
            try {
                return new SpatialModel(c);
            } catch (IllegalStateException e) {
                throw bad(e.getMessage() + " (does every moving body have mass, or its joints armature?)");
            }
        }

        int addBody(BodyDef b, Element inertial) {
            c.bodies.add(b);
            bodyGeoms.add(new ArrayList<>());
            bodyJoints.add(new ArrayList<>());
            inertials.add(inertial);
            return c.bodies.size() - 1;
        }

        void body(Element e, int parent) {
            checkAttrs(e, BODY_ATTRS);
            if (e.hasAttribute("childclass")) throw bad("body childclass is not supported");
            BodyDef b = new BodyDef();
            int index = c.bodies.size();
            b.name = e.hasAttribute("name") ? e.getAttribute("name") : "body" + index;
            b.parent = parent;
            b.pos = vec(orDefault(e.getAttribute("pos"), "0 0 0"), 3, "body pos");
            b.quat = quaternion(e);
            addBody(b, null);
            List<Element> childBodies = new ArrayList<>();
            for (Element ch : children(e)) {
                switch (ch.getTagName()) {
                    case "joint" -> bodyJoints.get(index).add(joint(ch, index, b));
                    case "freejoint" -> bodyJoints.get(index).add(freeJoint(ch, index, b));
                    case "geom" -> bodyGeoms.get(index).add(geom(ch, index));
                    case "site" -> site(ch, index);
                    case "inertial" -> {
                        checkAttrs(ch, INERTIAL_ATTRS);
                        inertials.set(index, ch);
                    }
                    case "body" -> childBodies.add(ch);
                    case "camera", "light" -> { }
                    default -> throw bad("unsupported element <" + ch.getTagName() + "> in body '" + b.name + "'");
                }
            }
            List<JointDef> joints = bodyJoints.get(index);
            for (JointDef j : joints) {
                if (j.type == SpatialModel.FREE && (joints.size() > 1 || parent != 0)) {
                    throw bad("free joint '" + j.name + "' must be the only joint of a child of the world");
                }
            }
            for (Element ch : childBodies) body(ch, index);
        }

        JointDef freeJoint(Element e, int body, BodyDef b) {
            checkAttrs(e, Set.of("name"));
            JointDef j = new JointDef();
            j.name = e.getAttribute("name");
            j.body = body;
            free(j, b);
            j.limit = new JointLimit(false, 0, 0, 0, solref(null, ""), solimp(null, ""));
            return j;
        }

        /** A free joint starts where its body is put; its spring (if any) pulls back there. */
        private void free(JointDef j, BodyDef b) {
            j.type = SpatialModel.FREE;
            j.qpos0 = new double[] {b.pos[0], b.pos[1], b.pos[2], b.quat[0], b.quat[1], b.quat[2], b.quat[3]};
            j.qposSpring = j.qpos0.clone();
        }

        JointDef joint(Element e, int body, BodyDef b) {
            checkAttrs(e, JOINT_ATTRS);
            JointDef j = new JointDef();
            j.name = e.getAttribute("name");
            j.body = body;
            String type = attr(e, jointDefaults, "type", "hinge");
            double angleScale = degrees ? Math.PI / 180 : 1;
            switch (type) {
                case "free" -> free(j, b);
                case "ball" -> {
                    j.type = SpatialModel.BALL;
                    j.qpos0 = new double[] {1, 0, 0, 0};
                    j.qposSpring = j.qpos0.clone();
                }
                case "hinge", "slide" -> {
                    j.type = type.equals("hinge") ? SpatialModel.HINGE : SpatialModel.SLIDE;
                    double scale = type.equals("hinge") ? angleScale : 1;
                    j.axis = unitAxis(vec(attr(e, jointDefaults, "axis", "0 0 1"), 3, "joint axis"), e);
                    j.qpos0 = new double[] {num(attr(e, jointDefaults, "ref", "0"), "joint ref") * scale};
                    j.qposSpring = new double[] {num(attr(e, jointDefaults, "springref", "0"), "joint springref") * scale};
                }
                default -> throw bad("joint '" + j.name + "' has unsupported type " + type + " (free, ball, hinge or slide)");
            }
            if (j.type != SpatialModel.FREE) j.pos = vec(attr(e, jointDefaults, "pos", "0 0 0"), 3, "joint pos");
            j.armature = num(attr(e, jointDefaults, "armature", "0"), "joint armature");
            j.damping = nonNegative(attr(e, jointDefaults, "damping", "0"), "joint '" + j.name + "' damping");
            j.stiffness = nonNegative(attr(e, jointDefaults, "stiffness", "0"), "joint '" + j.name + "' stiffness");
            if (j.type == SpatialModel.FREE && limited(e)) throw bad("free joint '" + j.name + "' cannot be limited");
            j.limit = jointLimit(e, j.name, j.type == SpatialModel.SLIDE ? 1 : angleScale);
            return j;
        }

        GeomDef geom(Element e, int body) {
            checkAttrs(e, GEOM_ATTRS);
            GeomDef g = new GeomDef();
            g.body = body;
            g.contact = contactProperties(e, "geom" + (countGeoms()));
            g.name = g.contact.name();
            g.type = geomType(attr(e, geomDefaults, "type", "sphere"));
            double[] size = vecAny(attr(e, geomDefaults, "size", "0"), "geom size");
            if (e.hasAttribute("fromto")) {
                if (g.type != GEOM_CAPSULE && g.type != GEOM_BOX) throw bad("geom '" + g.name + "': fromto needs a capsule or a box");
                double[] ft = vec(e.getAttribute("fromto"), 6, "geom fromto");
                // MuJoCo's compiler: the geom's z axis points from the second point to the first
                double[] v = {ft[0] - ft[3], ft[1] - ft[4], ft[2] - ft[5]};
                double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                if (len < 1e-14) throw bad("geom '" + g.name + "': fromto points coincide");
                for (int k = 0; k < 3; k++) v[k] /= len;
                g.pos = new double[] {(ft[0] + ft[3]) / 2, (ft[1] + ft[4]) / 2, (ft[2] + ft[5]) / 2};
                g.quat = z2quat(v);
                size = g.type == GEOM_BOX ? new double[] {size[0], size[0], len / 2} : new double[] {size[0], len / 2};
            } else {
                g.pos = vec(orDefault(e.getAttribute("pos"), "0 0 0"), 3, "geom pos");
                g.quat = quaternion(e);
            }
            int needed = g.type == GEOM_BOX ? 3 : g.type == GEOM_CAPSULE ? 2 : g.type == GEOM_SPHERE ? 1 : 0;
            if (size.length < needed) throw bad("geom '" + g.name + "' needs " + needed + " sizes");
            for (int k = 0; k < needed; k++) {
                if (!(size[k] > 0)) throw bad("geom '" + g.name + "' sizes must be positive");
                g.size[k] = size[k];
            }
            g.rbound = switch (g.type) {
                case GEOM_SPHERE -> size[0];
                case GEOM_CAPSULE -> size[0] + size[1];
                case GEOM_BOX -> Math.sqrt(size[0] * size[0] + size[1] * size[1] + size[2] * size[2]);
                default -> 0;
            };
            if (g.type == GEOM_PLANE && body != 0) throw bad("plane '" + g.name + "' must belong to the world body");
            double density = num(attr(e, geomDefaults, "density", "1000"), "geom density");
            g.mass = e.hasAttribute("mass") || geomDefaults.containsKey("mass")
                    ? nonNegative(attr(e, geomDefaults, "mass", "0"), "geom mass") : density * volume(g.type, g.size);
            g.diagInertia = inertia(g.type, g.size, g.mass);
            g.rgb = rgb(e);
            return g;
        }

        private int countGeoms() {
            int n = 0;
            for (List<GeomDef> l : bodyGeoms) n += l.size();
            return n;
        }

        void site(Element e, int body) {
            checkAttrs(e, SITE_ATTRS);
            c.sites.add(new SiteDef(e.getAttribute("name"), body, vec(orDefault(e.getAttribute("pos"), "0 0 0"), 3, "site pos")));
        }

        /**
         * Mass, centre of mass and inertia tensor of every body, as MuJoCo's compiler sets them: from an explicit
         * {@code <inertial>}, else from the geoms (one geom: its own; several: their masses, centre of mass and
         * tensors moved there by the parallel-axis rule).
         */
        void compileInertia() {
            double sum = 0;
            for (int b = 1; b < c.bodies.size(); b++) {
                BodyDef body = c.bodies.get(b);
                Element inertial = inertials.get(b);
                List<GeomDef> geoms = bodyGeoms.get(b);
                if (inertial != null && !inertiaFromGeom) {
                    body.mass = nonNegative(inertial.getAttribute("mass"), "inertial mass of body '" + body.name + "'");
                    body.ipos = vec(orDefault(inertial.getAttribute("pos"), "0 0 0"), 3, "inertial pos");
                    if (inertial.hasAttribute("fullinertia")) {
                        body.inertia = vec(inertial.getAttribute("fullinertia"), 6, "inertial fullinertia");
                    } else {
                        double[] diag = vec(inertial.getAttribute("diaginertia"), 3, "inertial diaginertia");
                        body.inertia = rotated(diag, quaternion(inertial));
                    }
                } else if (geoms.size() == 1) {
                    GeomDef g = geoms.get(0);
                    body.mass = g.mass;
                    body.ipos = g.pos.clone();
                    body.inertia = rotated(g.diagInertia, g.quat);
                } else if (geoms.size() > 1) {
                    double m = 0;
                    double[] com = new double[3];
                    for (GeomDef g : geoms) {
                        m += g.mass;
                        for (int k = 0; k < 3; k++) com[k] += g.mass * g.pos[k];
                    }
                    if (m < 1e-15) throw bad("body '" + body.name + "': its geoms' mass is too small for a centre of mass");
                    for (int k = 0; k < 3; k++) com[k] /= m;
                    double[] total = new double[6];
                    for (GeomDef g : geoms) {
                        double[] own = rotated(g.diagInertia, g.quat);
                        double dx = g.pos[0] - com[0], dy = g.pos[1] - com[1], dz = g.pos[2] - com[2];
                        double[] off = {g.mass * (dy * dy + dz * dz), g.mass * (dx * dx + dz * dz), g.mass * (dx * dx + dy * dy),
                            -g.mass * dx * dy, -g.mass * dx * dz, -g.mass * dy * dz};
                        for (int k = 0; k < 6; k++) total[k] = total[k] + own[k] + off[k];
                    }
                    body.mass = m;
                    body.ipos = com;
                    body.inertia = total;
                }
                sum += body.mass;
            }
            if (totalMass > 0) {
                double scale = totalMass / sum;
                for (BodyDef b : c.bodies) {
                    b.mass *= scale;
                    for (int k = 0; k < 6; k++) b.inertia[k] *= scale;
                }
            }
        }

        /** A diagonal inertia in the frame of quaternion q, written in the parent frame (mjuu_globalinertia). */
        static double[] rotated(double[] diag, double[] q) {
            double[] mat = new double[9];
            SpatialMath.quat2Mat(q, 0, mat, 0);
            double[] tmp = {
                mat[0] * diag[0], mat[3] * diag[0], mat[6] * diag[0],
                mat[1] * diag[1], mat[4] * diag[1], mat[7] * diag[1],
                mat[2] * diag[2], mat[5] * diag[2], mat[8] * diag[2]
            };
            return new double[] {
                mat[0] * tmp[0] + mat[1] * tmp[3] + mat[2] * tmp[6],
                mat[3] * tmp[1] + mat[4] * tmp[4] + mat[5] * tmp[7],
                mat[6] * tmp[2] + mat[7] * tmp[5] + mat[8] * tmp[8],
                mat[0] * tmp[1] + mat[1] * tmp[4] + mat[2] * tmp[7],
                mat[0] * tmp[2] + mat[1] * tmp[5] + mat[2] * tmp[8],
                mat[3] * tmp[2] + mat[4] * tmp[5] + mat[5] * tmp[8]
            };
        }

        /** The rotation taking the z axis to the unit vector v by the shortest arc (mjuu_z2quat). */
        static double[] z2quat(double[] v) {
            double[] q = {0, -v[1], v[0], 0}; // z × v
            double s = Math.sqrt(q[1] * q[1] + q[2] * q[2]);
            if (s < 1e-10) {
                q[1] = 1;
                q[2] = 0;
            } else {
                q[1] /= s;
                q[2] /= s;
            }
            double angle = Math.atan2(s, v[2]);
            q[0] = Math.cos(angle / 2);
            q[1] *= Math.sin(angle / 2);
            q[2] *= Math.sin(angle / 2);
            q[3] *= Math.sin(angle / 2);
            return q;
        }

        /**
         * The geom pairs that may touch, in MuJoCo's order (body pairs b1 < b2, then the geoms of b1 and of b2) and
         * filtered as MuJoCo filters them: contype/conaffinity compatible, not welded to the same body, and not
         * welded to parent and child unless one of them is the world.
         */
        void collisionPairs() {
            List<BodyDef> bodies = c.bodies;
            int n = bodies.size();
            int[] weld = new int[n];
            for (int b = 1; b < n; b++) weld[b] = bodies.get(b).jointCount > 0 ? b : weld[bodies.get(b).parent];
            for (int b1 = 0; b1 < n; b1++) {
                for (int b2 = b1 + 1; b2 < n; b2++) {
                    BodyDef a = bodies.get(b1), b = bodies.get(b2);
                    for (int g1 = a.geomStart; g1 < a.geomStart + a.geomCount; g1++) {
                        for (int g2 = b.geomStart; g2 < b.geomStart + b.geomCount; g2++) {
                            pair(g1, g2, weld);
                        }
                    }
                }
            }
        }

        private void pair(int g1, int g2, int[] weld) {
            GeomDef a = c.geoms.get(g1), b = c.geoms.get(g2);
            if (a.type > b.type) {
                GeomDef t = a;
                a = b;
                b = t;
                int ti = g1;
                g1 = g2;
                g2 = ti;
            }
            if (a.type == GEOM_PLANE && b.type == GEOM_PLANE) return;
            if (!a.contact.compatible(b.contact)) return;
            int w1 = weld[a.body], w2 = weld[b.body];
            if (w1 == w2) return;
            int wp1 = weld[c.bodies.get(w1).parent < 0 ? 0 : c.bodies.get(w1).parent];
            int wp2 = weld[c.bodies.get(w2).parent < 0 ? 0 : c.bodies.get(w2).parent];
            if (w1 != 0 && w2 != 0 && (w1 == wp2 || w2 == wp1)) return;
            if (b.type == GEOM_BOX && a.type != GEOM_PLANE) {
                throw bad("geoms '" + a.name + "' and '" + b.name + "' may collide, but boxes have contacts only with planes here (exclude the pair with contype/conaffinity)");
            }
            c.pairs.add(new Pair(g1, g2, PairParameters.combine(a.contact, b.contact)));
        }
    }
}
