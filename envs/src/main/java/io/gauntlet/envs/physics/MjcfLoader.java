package io.gauntlet.envs.physics;

import io.gauntlet.core.BadInputException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Reads the planar subset of MJCF into a {@link PlanarModel}.
 *
 * <p>Supported: {@code compiler} (angle, inertiafromgeom, settotalmass, coordinate="local"), {@code option}
 * (timestep, integrator Euler/RK4, gravity, viscosity, density, solver Newton/PGS, iterations, tolerance,
 * impratio, cone pyramidal), one unnamed {@code default} with joint, geom and motor children, bodies with a
 * position, hinge and slide joints (damping, stiffness, springref, armature, ref, range/limited, margin,
 * solreflimit, solimplimit), sphere, capsule and box geoms (pos, quat, axisangle, fromto, size, density or mass,
 * friction, contype/conaffinity, condim 1 or 3, solref, solimp, solmix, margin, gap, rgba), a ground plane in the
 * world body, {@code inertial}, sites and motor actuators. Purely visual elements (light, camera, asset, visual,
 * size, custom) are skipped. Anything else, any joint that leaves the plane, and a pair of geoms that may collide
 * but whose shapes have no contact function here (box against anything but the ground) is a
 * {@link BadInputException} naming the element.
 */
public final class MjcfLoader {
    private MjcfLoader() {}

    /** MuJoCo's mjMINVAL: the smallest value treated as non-zero. */
    static final double MJ_MINVAL = SoftConstraints.MINVAL;

    /** Loads a model from a class-path resource, e.g. {@code /io/gauntlet/envs/locomotion/hopper.xml}. */
    public static PlanarModel loadResource(String resource) {
        return MjcfReader.fromResource(resource, MjcfLoader::load);
    }

    /** Loads a user's model file. */
    public static PlanarModel load(Path file) {
        return MjcfReader.fromFile(file, MjcfLoader::load);
    }

    public static PlanarModel load(InputStream in, String source) {
        return new MjcfLoader.Parser(source).parse(MjcfReader.parse(in, source));
    }

    // ---- intermediate definitions, turned into arrays by PlanarModel ----

    static final class BodyDef {
        String name;
        int parent;
        double posU, posV;
        /** World coordinate along the plane's normal (constant: bodies move in their plane). */
        double worldN;
        double mass, comU, comV, inertiaN;
        double fluidAngle, box1, box2, boxN;
        int jointStart, jointCount;
        // in-plane inertia tensor about the com (for the fluid box)
        double iuu, iuv, ivv;
    }

    static final class JointDef {
        String name;
        int type, body;
        double sign, axisU, axisV, anchorU, anchorV, ref, springRef, armature, damping, stiffness;
        MjcfReader.JointLimit limit;
    }

    static final class GeomDef {
        String name;
        int body, type, rgb;
        double u, v, dirU, dirV, size0, size1;
        /** World coordinate along the plane's normal (constant). */
        double worldN;
        /** Boxes: in-plane components of the box's three local axes (u, v pairs) and its three half sizes. */
        double[] boxAxes, boxHalf;
        MjcfReader.ContactProperties contact;
    }

    static final class SiteDef {
        String name;
        int body;
        double u, v;
    }

    static final class Compiled {
        String name;
        double[] axisU, axisV;
        MjcfReader.Options options;
        double gravityU, gravityV;
        final List<MjcfReader.Pair> pairs = new ArrayList<>();
        final List<BodyDef> bodies = new ArrayList<>();
        final List<JointDef> joints = new ArrayList<>();
        final List<GeomDef> geoms = new ArrayList<>();
        final List<MjcfReader.Motor> actuators = new ArrayList<>();
        final List<SiteDef> sites = new ArrayList<>();
        boolean hasGround;
        double groundHeight;
    }

    private static final Set<String> GEOM_ATTRS = Set.of("name", "type", "size", "pos", "quat", "axisangle", "fromto",
            "density", "mass", "friction", "contype", "conaffinity", "condim", "rgba", "material", "margin", "solimp",
            "solref", "solmix", "gap", "group", "class");
    private static final Set<String> BODY_ATTRS = Set.of("name", "pos", "childclass");

    /** One parse: state that lives while reading one document. */
    private static final class Parser extends MjcfReader {
        final Compiled c = new Compiled();
        int normalAxis = -1; // 0 x, 1 y, 2 z
        double[] n;
        Element floor;
        final List<Element> bodyElements = new ArrayList<>();
        final List<List<double[]>> geomMass = new ArrayList<>(); // per body: {m, cu, cv, dirU, dirV, Id, Idp, In}
        final List<Element> inertials = new ArrayList<>();

        Parser(String source) {
            super(source);
        }

        PlanarModel parse(Element root) {
            Sections sections = sections(root);
            c.name = sections.name();
            c.options = options();
            Element worldbody = sections.worldbody();
            findPlane(worldbody);
            c.gravityU = dot(gravity, c.axisU);
            c.gravityV = dot(gravity, c.axisV);

            for (Element e : children(worldbody)) {
                switch (e.getTagName()) {
                    case "body" -> body(e, -1);
                    case "geom" -> worldGeom(e);
                    case "light", "camera", "site" -> { }
                    default -> throw bad("unsupported element <" + e.getTagName() + "> in <worldbody>");
                }
            }
            if (c.bodies.isEmpty()) throw bad("no bodies");
            compileInertia();
            collisionPairs();
            c.actuators.addAll(motors(sections.actuator(), c.joints.stream().map(j -> j.name).toList()));
            return new PlanarModel(c);
        }

        /** The plane is the one every hinge turns in; slides must lie in it. */
        void findPlane(Element worldbody) {
            List<Element> joints = new ArrayList<>();
            collect(worldbody, "joint", joints);
            for (Element j : joints) {
                String type = attr(j, jointDefaults, "type", "hinge");
                if (!type.equals("hinge")) continue;
                double[] axis = unitAxis(vec(attr(j, jointDefaults, "axis", "0 0 1"), 3, "joint axis"), j);
                int k = -1;
                for (int i = 0; i < 3; i++) if (Math.abs(Math.abs(axis[i]) - 1) < 1e-9) k = i;
                if (k < 0 || (normalAxis >= 0 && k != normalAxis)) {
                    throw bad("joint '" + j.getAttribute("name") + "' is not planar: hinge axes must all be the same coordinate axis");
                }
                normalAxis = k;
            }
            if (normalAxis < 0) normalAxis = 1;
            switch (normalAxis) {
                case 0 -> { c.axisU = new double[] {0, 1, 0}; c.axisV = new double[] {0, 0, 1}; }
                case 1 -> { c.axisU = new double[] {1, 0, 0}; c.axisV = new double[] {0, 0, 1}; }
                default -> { c.axisU = new double[] {1, 0, 0}; c.axisV = new double[] {0, 1, 0}; }
            }
            n = cross(c.axisU, c.axisV);
        }

        void worldGeom(Element e) {
            String type = attr(e, geomDefaults, "type", "sphere");
            if (type.equals("plane")) {
                double[] normal = rotate(quaternion(e), new double[] {0, 0, 1});
                if (Math.abs(dot(normal, c.axisV) - 1) < 1e-9) {
                    if (floor != null) throw bad("only one ground plane is supported");
                    floor = e;
                    checkAttrs(e, GEOM_ATTRS);
                    double[] pos = vec(attr(e, Map.of(), "pos", "0 0 0"), 3, "geom pos");
                    c.hasGround = true;
                    c.groundHeight = dot(pos, c.axisV);
                    GeomDef g = new GeomDef();
                    g.body = -1;
                    g.type = PlanarModel.GEOM_PLANE;
                    g.v = c.groundHeight;
                    g.dirU = 1;
                    g.contact = contactProperties(e, "geom" + c.geoms.size());
                    g.name = g.contact.name();
                    c.geoms.add(g);
                } else if (Math.abs(dot(normal, n)) < 1 - 1e-9) {
                    throw bad("plane '" + e.getAttribute("name") + "' must face up (+" + "xyz".charAt(axisIndex(c.axisV)) + ") or lie in the plane of motion");
                } else {
                    checkAttrs(e, GEOM_ATTRS);
                    sideways.add(e);
                }
                return;
            }
            geom(e, -1);
        }

        void body(Element e, int parent) {
            checkAttrs(e, BODY_ATTRS);
            if (e.hasAttribute("childclass")) throw bad("body childclass is not supported");
            BodyDef b = new BodyDef();
            int index = c.bodies.size();
            b.name = e.hasAttribute("name") ? e.getAttribute("name") : "body" + index;
            b.parent = parent;
            double[] pos = vec(orDefault(e.getAttribute("pos"), "0 0 0"), 3, "body pos");
            b.posU = dot(pos, c.axisU);
            b.posV = dot(pos, c.axisV);
            b.worldN = (parent >= 0 ? c.bodies.get(parent).worldN : 0) + dot(pos, n);
            b.jointStart = c.joints.size();
            c.bodies.add(b);
            bodyElements.add(e);
            geomMass.add(new ArrayList<>());
            inertials.add(null);
            List<Element> childBodies = new ArrayList<>();
            for (Element ch : children(e)) {
                switch (ch.getTagName()) {
                    case "joint" -> joint(ch, index);
                    case "geom" -> geom(ch, index);
                    case "site" -> site(ch, index);
                    case "inertial" -> inertials.set(index, ch);
                    case "body" -> childBodies.add(ch);
                    case "camera", "light" -> { }
                    case "freejoint" -> throw bad("<freejoint> in body '" + b.name + "' is not planar");
                    default -> throw bad("unsupported element <" + ch.getTagName() + "> in body '" + b.name + "'");
                }
            }
            b.jointCount = c.joints.size() - b.jointStart;
            for (Element ch : childBodies) body(ch, index);
        }

        void joint(Element e, int body) {
            checkAttrs(e, JOINT_ATTRS);
            JointDef j = new JointDef();
            j.name = e.getAttribute("name");
            j.body = body;
            String type = attr(e, jointDefaults, "type", "hinge");
            double angleScale = 1;
            double[] axis = unitAxis(vec(attr(e, jointDefaults, "axis", "0 0 1"), 3, "joint axis"), e);
            switch (type) {
                case "hinge" -> {
                    j.type = PlanarModel.HINGE;
                    j.sign = dot(axis, n);
                    angleScale = degrees ? Math.PI / 180 : 1;
                }
                case "slide" -> {
                    j.type = PlanarModel.SLIDE;
                    if (Math.abs(dot(axis, n)) > 1e-9) throw bad("slide joint '" + j.name + "' leaves the plane of motion");
                    j.axisU = dot(axis, c.axisU);
                    j.axisV = dot(axis, c.axisV);
                }
                default -> throw bad("joint '" + j.name + "' has unsupported type " + type + " (hinge or slide only)");
            }
            double[] pos = vec(attr(e, jointDefaults, "pos", "0 0 0"), 3, "joint pos");
            j.anchorU = dot(pos, c.axisU);
            j.anchorV = dot(pos, c.axisV);
            j.ref = num(attr(e, jointDefaults, "ref", "0"), "joint ref") * angleScale;
            j.springRef = num(attr(e, jointDefaults, "springref", "0"), "joint springref") * angleScale;
            j.armature = num(attr(e, jointDefaults, "armature", "0"), "joint armature");
            j.damping = num(attr(e, jointDefaults, "damping", "0"), "joint damping");
            j.stiffness = num(attr(e, jointDefaults, "stiffness", "0"), "joint stiffness");
            j.limit = jointLimit(e, j.name, angleScale);
            c.joints.add(j);
        }

        void geom(Element e, int body) {
            checkAttrs(e, GEOM_ATTRS);
            String type = attr(e, geomDefaults, "type", "sphere");
            double[] size = vecAny(attr(e, geomDefaults, "size", "0"), "geom size");
            GeomDef g = new GeomDef();
            g.body = body;
            g.contact = contactProperties(e, "geom" + c.geoms.size());
            g.name = g.contact.name();
            double[] center;
            double[] dir;
            String fromto = attr(e, geomDefaults, "fromto", null);
            if (fromto != null && e.hasAttribute("fromto")) {
                double[] ft = vec(fromto, 6, "geom fromto");
                center = new double[] {(ft[0] + ft[3]) / 2, (ft[1] + ft[4]) / 2, (ft[2] + ft[5]) / 2};
                double[] d = {ft[3] - ft[0], ft[4] - ft[1], ft[5] - ft[2]};
                double len = Math.sqrt(dot(d, d));
                if (len == 0) throw bad("geom fromto has zero length");
                dir = new double[] {d[0] / len, d[1] / len, d[2] / len};
                size = new double[] {size[0], len / 2};
            } else {
                center = vec(orDefault(e.getAttribute("pos"), "0 0 0"), 3, "geom pos");
                dir = rotate(quaternion(e), new double[] {0, 0, 1});
            }
            g.u = dot(center, c.axisU);
            g.v = dot(center, c.axisV);
            g.worldN = (body >= 0 ? c.bodies.get(body).worldN : 0) + dot(center, n);
            double density = num(attr(e, geomDefaults, "density", "1000"), "geom density");
            g.type = geomType(type);
            int[] principal; // the geom's local axes along dir, its in-plane perpendicular and the plane's normal
            switch (g.type) {
                case GEOM_SPHERE -> {
                    g.dirU = 1;
                    g.dirV = 0;
                    g.size0 = size[0];
                    principal = new int[] {0, 1, 2};
                }
                case GEOM_CAPSULE -> {
                    if (size.length < 2) throw bad("capsule geom needs size \"radius half-length\" or fromto");
                    if (Math.abs(dot(dir, n)) > 1e-6) throw bad("capsule geom '" + e.getAttribute("name") + "' does not lie in the plane of motion");
                    double du = dot(dir, c.axisU), dv = dot(dir, c.axisV);
                    double dl = Math.hypot(du, dv);
                    g.dirU = du / dl;
                    g.dirV = dv / dl;
                    g.size0 = size[0];
                    g.size1 = size[1];
                    principal = new int[] {2, 0, 1};
                }
                case GEOM_BOX -> {
                    if (size.length < 3) throw bad("box geom needs three half sizes");
                    double[] q = quaternion(e);
                    double[][] axes = {rotate(q, new double[] {1, 0, 0}), rotate(q, new double[] {0, 1, 0}), rotate(q, new double[] {0, 0, 1})};
                    int normalLocal = -1;
                    for (int k = 0; k < 3; k++) if (Math.abs(Math.abs(dot(axes[k], n)) - 1) < 1e-6) normalLocal = k;
                    if (normalLocal < 0) throw bad("box geom '" + e.getAttribute("name") + "' must have one face normal to the plane of motion");
                    int a1 = normalLocal == 0 ? 1 : 0;
                    int a2 = 3 - normalLocal - a1;
                    g.dirU = dot(axes[a1], c.axisU);
                    g.dirV = dot(axes[a1], c.axisV);
                    g.boxAxes = new double[6];
                    for (int k = 0; k < 3; k++) {
                        g.boxAxes[2 * k] = dot(axes[k], c.axisU);
                        g.boxAxes[2 * k + 1] = dot(axes[k], c.axisV);
                    }
                    g.boxHalf = new double[] {size[0], size[1], size[2]};
                    g.size0 = size[a1];
                    g.size1 = size[a2];
                    principal = new int[] {a1, a2, normalLocal};
                }
                default -> throw bad("unsupported geom type " + type + " (sphere, capsule, box)");
            }
            double mass = e.hasAttribute("mass") || geomDefaults.containsKey("mass")
                    ? num(attr(e, geomDefaults, "mass", "0"), "geom mass") : density * volume(g.type, size);
            double[] inertia = inertia(g.type, size, mass);
            if (body >= 0) {
                geomMass.get(body).add(new double[] {mass, g.u, g.v, g.dirU, g.dirV,
                        inertia[principal[0]], inertia[principal[1]], inertia[principal[2]]});
            }
            g.rgb = rgb(e);
            c.geoms.add(g);
        }

        /** Planes that lie in the plane of motion: nothing may collide with them (the contact would leave the plane). */
        final List<Element> sideways = new ArrayList<>();

        /**
         * The geom pairs that may touch, filtered as MuJoCo does: contype/conaffinity compatible, on different
         * bodies that are not welded together, and not parent and child. Parameters combine as in MuJoCo when
         * priorities are equal: condim, friction, margin and gap the maximum, solref and solimp mixed by solmix.
         */
        void collisionPairs() {
            List<GeomDef> geoms = c.geoms;
            for (int i = 0; i < geoms.size(); i++) {
                for (int k = i + 1; k < geoms.size(); k++) {
                    GeomDef a = geoms.get(i), b = geoms.get(k);
                    if (!a.contact.compatible(b.contact)) continue;
                    int wa = weld(a.body), wb = weld(b.body);
                    if (wa == wb) continue;
                    if (wa >= 0 && wb >= 0 && (wa == weld(c.bodies.get(wb).parent) || wb == weld(c.bodies.get(wa).parent))) continue;
                    if (a.type > b.type) {
                        GeomDef t = a;
                        a = b;
                        b = t;
                    }
                    if (a.type == PlanarModel.GEOM_PLANE && b.type == PlanarModel.GEOM_PLANE) continue;
                    if (a.type != PlanarModel.GEOM_PLANE && b.type == PlanarModel.GEOM_BOX) {
                        throw bad("geoms '" + a.name + "' and '" + b.name + "' may collide, but only the ground has contacts with boxes (exclude the pair with contype/conaffinity)");
                    }
                    c.pairs.add(new Pair(geoms.indexOf(a), geoms.indexOf(b), PairParameters.combine(a.contact, b.contact)));
                }
            }
            for (Element e : sideways) {
                ContactProperties probe = contactProperties(e, "geom");
                for (GeomDef g : geoms) {
                    if (g.body >= 0 && g.contact.compatible(probe)) {
                        throw bad("plane '" + probe.name() + "' lies in the plane of motion and cannot take contacts (set contype=\"0\" conaffinity=\"0\")");
                    }
                }
            }
        }

        /** The body a body is welded to: itself if it has joints, else its parent's weld (-1: the world). */
        int weld(int body) {
            while (body >= 0 && c.bodies.get(body).jointCount == 0) body = c.bodies.get(body).parent;
            return body;
        }

        void site(Element e, int body) {
            SiteDef s = new SiteDef();
            s.name = e.getAttribute("name");
            s.body = body;
            double[] pos = vec(orDefault(e.getAttribute("pos"), "0 0 0"), 3, "site pos");
            s.u = dot(pos, c.axisU);
            s.v = dot(pos, c.axisV);
            c.sites.add(s);
        }

        void compileInertia() {
            double sum = 0;
            for (int b = 0; b < c.bodies.size(); b++) {
                BodyDef body = c.bodies.get(b);
                Element inertial = inertials.get(b);
                if (inertial != null && !inertiaFromGeom) {
                    double[] pos = vec(orDefault(inertial.getAttribute("pos"), "0 0 0"), 3, "inertial pos");
                    double[] diag = vec(inertial.getAttribute("diaginertia"), 3, "inertial diaginertia");
                    body.mass = num(inertial.getAttribute("mass"), "inertial mass");
                    body.comU = dot(pos, c.axisU);
                    body.comV = dot(pos, c.axisV);
                    body.iuu = dot(diag, abs(c.axisU));
                    body.ivv = dot(diag, abs(c.axisV));
                    body.inertiaN = dot(diag, abs(n));
                } else {
                    double m = 0, mu = 0, mv = 0;
                    for (double[] g : geomMass.get(b)) {
                        m += g[0];
                        mu += g[0] * g[1];
                        mv += g[0] * g[2];
                    }
                    if (m <= 0) throw bad("body '" + body.name + "' has no mass (give it a geom or an <inertial>)");
                    body.mass = m;
                    body.comU = mu / m;
                    body.comV = mv / m;
                    for (double[] g : geomMass.get(b)) {
                        double ru = g[1] - body.comU, rv = g[2] - body.comV, du = g[3], dv = g[4];
                        // principal moments along dir d and its in-plane perpendicular p = (-dv, du)
                        body.iuu += g[5] * du * du + g[6] * dv * dv + g[0] * rv * rv;
                        body.ivv += g[5] * dv * dv + g[6] * du * du + g[0] * ru * ru;
                        body.iuv += g[5] * du * dv - g[6] * du * dv - g[0] * ru * rv;
                        body.inertiaN += g[7] + g[0] * (ru * ru + rv * rv);
                    }
                }
                sum += body.mass;
            }
            if (totalMass > 0) {
                double scale = totalMass / sum;
                for (BodyDef b : c.bodies) {
                    b.mass *= scale;
                    b.inertiaN *= scale;
                    b.iuu *= scale;
                    b.ivv *= scale;
                    b.iuv *= scale;
                }
            }
            for (BodyDef b : c.bodies) {
                // principal axes of the in-plane block, then MuJoCo's equivalent inertia box
                double phi = 0.5 * Math.atan2(2 * b.iuv, b.iuu - b.ivv);
                double cs = Math.cos(phi), sn = Math.sin(phi);
                double i1 = b.iuu * cs * cs + 2 * b.iuv * sn * cs + b.ivv * sn * sn;
                double i2 = b.iuu + b.ivv - i1;
                double in = b.inertiaN;
                b.fluidAngle = phi;
                b.box1 = Math.sqrt(Math.max(0, (i2 + in - i1) / b.mass * 6));
                b.box2 = Math.sqrt(Math.max(0, (i1 + in - i2) / b.mass * 6));
                b.boxN = Math.sqrt(Math.max(0, (i1 + i2 - in) / b.mass * 6));
            }
        }

    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] abs(double[] a) {
        return new double[] {Math.abs(a[0]), Math.abs(a[1]), Math.abs(a[2])};
    }

    private static int axisIndex(double[] a) {
        for (int i = 0; i < 3; i++) if (Math.abs(a[i]) > 0.5) return i;
        return 0;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
