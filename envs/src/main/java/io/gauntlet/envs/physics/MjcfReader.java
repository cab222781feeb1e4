package io.gauntlet.envs.physics;

import io.gauntlet.core.BadInputException;
import io.gauntlet.core.io.AtomicFiles;
import io.gauntlet.core.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What reading MJCF means for both engines: the document's settings ({@code <compiler>}, {@code <option>}, one
 * unnamed {@code <default>}), attribute values with their defaults, numbers and vectors checked as they are read,
 * orientations, contact properties and the rule that combines two geoms' into a pair's, geom volumes and
 * inertias, and motors. Every problem is a {@link BadInputException} that names the model file and the element.
 * The planar loader ({@link MjcfLoader}) and the spatial one ({@code physics.spatial.SpatialMjcf}) each read their
 * bodies, joints and geoms on top of this.
 */
public class MjcfReader {
    /** Geom types, ordered as MuJoCo orders them (a pair's first geom is the one with the lower type). */
    public static final int GEOM_PLANE = 0;
    public static final int GEOM_SPHERE = 1;
    public static final int GEOM_CAPSULE = 2;
    public static final int GEOM_BOX = 3;

    public static final int INTEGRATOR_EULER = 0;
    public static final int INTEGRATOR_RK4 = 1;

    /** Top-level elements that only concern drawing or bookkeeping, skipped. */
    private static final Set<String> SKIPPED = Set.of("light", "camera", "visual", "asset", "size", "custom", "statistic");
    private static final Set<String> MOTOR_ATTRS = Set.of("name", "joint", "gear", "ctrlrange", "ctrllimited", "class");
    /** The attributes of {@code <joint>} both engines read. */
    public static final Set<String> JOINT_ATTRS = Set.of("name", "type", "axis", "pos", "ref", "range", "limited",
            "damping", "stiffness", "armature", "springref", "margin", "solreflimit", "solimplimit", "class");

    public final String source;
    // <compiler>
    public boolean degrees = true;
    public boolean inertiaFromGeom = false;
    public double totalMass = -1;
    // <option>
    public double timestep = 0.002;
    public int integrator = INTEGRATOR_EULER;
    public double[] gravity = {0, 0, -9.81};
    public double viscosity, density;
    public int solver = SoftConstraints.SOLVER_NEWTON;
    public int iterations = 100;
    public double tolerance = 1e-8, impratio = 1;
    // <default>
    public final Map<String, String> jointDefaults = new HashMap<>();
    public final Map<String, String> geomDefaults = new HashMap<>();
    public final Map<String, String> motorDefaults = new HashMap<>();

    /** {@code <option>}'s settings as read. */
    public record Options(double timestep, int integrator, double[] gravity, double viscosity, double density, int solver,
                          int iterations, double tolerance, double impratio) {}

    public Options options() {
        return new Options(timestep, integrator, gravity.clone(), viscosity, density, solver, iterations, tolerance, impratio);
    }

    /** Loads a model from a class-path resource with {@code load}; a missing resource is the program's fault. */
    public static <T> T fromResource(String resource, BiFunction<InputStream, String, T> load) {
        try (InputStream in = MjcfReader.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("model resource missing: " + resource);
            return load.apply(in, resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read model resource " + resource, e);
        }
    }

    /** Loads a user's model file with {@code load}. */
    public static <T> T fromFile(Path file, BiFunction<InputStream, String, T> load) {
        InputFiles.requireReadable("model file", file);
        try (InputStream in = Files.newInputStream(file)) {
            return load.apply(in, file.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read model file " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** The index of the element of this kind named {@code name} among a compiled model's names. */
    public static int index(String[] names, String name, String kind, String model) {
        for (int i = 0; i < names.length; i++) if (name.equals(names[i])) return i;
        throw new IllegalArgumentException("no " + kind + " named " + name + " in model " + model);
    }

    /** The model's elements that carry its physics, once the settings are read. */
    public record Sections(String name, Element worldbody, Element actuator) {}

    /** A geom's contact properties as MJCF gives them (friction: the sliding coefficient). */
    public record ContactProperties(String name, int contype, int conaffinity, int condim, double friction,
                                    double solmix, double margin, double gap, double[] solref, double[] solimp) {
        /** MuJoCo's contact filter on types: either geom's contype meets the other's conaffinity. */
        public boolean compatible(ContactProperties o) {
            return (contype & o.conaffinity) != 0 || (o.contype & conaffinity) != 0;
        }
    }

    /**
     * A pair's contact parameters combined from its geoms' as MuJoCo does when their priorities are equal:
     * condim, friction, margin and gap the maximum, solref and solimp mixed by solmix.
     */
    public record PairParameters(int condim, double friction, double margin, double gap, double[] solref, double[] solimp) {
        public static PairParameters combine(ContactProperties a, ContactProperties b) {
            double mix = a.solmix >= SoftConstraints.MINVAL && b.solmix >= SoftConstraints.MINVAL ? a.solmix / (a.solmix + b.solmix)
                    : a.solmix < SoftConstraints.MINVAL && b.solmix < SoftConstraints.MINVAL ? 0.5 : a.solmix < SoftConstraints.MINVAL ? 0 : 1;
            double[] solref = new double[2];
            for (int r = 0; r < 2; r++) solref[r] = mix * a.solref[r] + (1 - mix) * b.solref[r];
            double[] solimp = new double[5];
            for (int r = 0; r < 5; r++) solimp[r] = mix * a.solimp[r] + (1 - mix) * b.solimp[r];
            return new PairParameters(Math.max(a.condim, b.condim), Math.max(a.friction, b.friction),
                    Math.max(a.margin, b.margin), Math.max(a.gap, b.gap), solref, solimp);
        }
    }

    /** A pair of geoms that may touch (geom1 has the lower type), with their combined contact parameters. */
    public record Pair(int geom1, int geom2, PairParameters parameters) {}

    /** A motor: the index of its joint, gear and control range (±∞ unless ctrllimited). */
    public record Motor(int joint, double gear, double low, double high, boolean limited) {}

    /**
     * A joint's limit: whether it is limited (explicitly, or by having a range), its range (0, 0 when not limited),
     * margin, solreflimit and solimplimit.
     */
    public record JointLimit(boolean limited, double low, double high, double margin, double[] solref, double[] solimp) {}

    public MjcfReader(String source) {
        this.source = source;
    }

    /** Parses a document (no DOCTYPE, no entities) and returns its root element. */
    public static Element parse(InputStream in, String source) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder db = f.newDocumentBuilder();
            db.setErrorHandler(null);
            doc = db.parse(in);
        } catch (SAXException | IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().replace('\n', ' ').trim();
            throw new BadInputException("model " + source + " is not valid XML: " + msg, e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return doc.getDocumentElement();
    }

    public BadInputException bad(String what) {
        return new BadInputException("model " + source + ": " + what);
    }

    /**
     * Reads the settings under {@code <mujoco>} (compiler, option, default; fixed tendons without springs, dampers or
     * limits, which change nothing, are accepted) and returns the elements with the physics.
     */
    public Sections sections(Element root) {
        if (!root.getTagName().equals("mujoco")) throw bad("root element is <" + root.getTagName() + ">, expected <mujoco>");
        Element worldbody = null;
        Element actuator = null;
        for (Element e : children(root)) {
            switch (e.getTagName()) {
                case "compiler" -> compiler(e);
                case "option" -> option(e);
                case "default" -> defaults(e);
                case "worldbody" -> worldbody = e;
                case "actuator" -> actuator = e;
                case "tendon" -> passiveFreeTendons(e);
                default -> {
                    if (!SKIPPED.contains(e.getTagName())) throw bad("unsupported element <" + e.getTagName() + ">");
                }
            }
        }
        if (worldbody == null) throw bad("no <worldbody>");
        return new Sections(root.getAttribute("model"), worldbody, actuator);
    }

    private void compiler(Element e) {
        for (Attr a : attrs(e)) {
            switch (a.getName()) {
                case "angle" -> {
                    if (a.getValue().equals("degree")) degrees = true;
                    else if (a.getValue().equals("radian")) degrees = false;
                    else throw bad("<compiler angle> must be degree or radian");
                }
                case "inertiafromgeom" -> inertiaFromGeom = a.getValue().equals("true");
                case "settotalmass" -> totalMass = num(a.getValue(), "compiler settotalmass");
                case "coordinate" -> {
                    if (!a.getValue().equals("local")) throw bad("<compiler coordinate> must be local");
                }
                default -> throw bad("unsupported attribute " + a.getName() + " of <compiler>");
            }
        }
    }

    private void option(Element e) {
        for (Attr a : attrs(e)) {
            switch (a.getName()) {
                case "timestep" -> timestep = positive(a.getValue(), "option timestep");
                case "integrator" -> {
                    switch (a.getValue()) {
                        case "Euler" -> integrator = INTEGRATOR_EULER;
                        case "RK4" -> integrator = INTEGRATOR_RK4;
                        default -> throw bad("unsupported integrator " + a.getValue() + " (Euler or RK4)");
                    }
                }
                case "gravity" -> gravity = vec(a.getValue(), 3, "option gravity");
                case "viscosity" -> viscosity = num(a.getValue(), "option viscosity");
                case "density" -> density = num(a.getValue(), "option density");
                case "solver" -> {
                    switch (a.getValue()) {
                        case "Newton" -> solver = SoftConstraints.SOLVER_NEWTON;
                        case "PGS" -> solver = SoftConstraints.SOLVER_PGS;
                        default -> throw bad("unsupported <option solver=\"" + a.getValue() + "\"> (Newton or PGS)");
                    }
                }
                case "iterations" -> {
                    double it = positive(a.getValue(), "option iterations");
                    if (it != Math.rint(it)) throw bad("<option iterations> must be a whole number");
                    iterations = (int) it;
                }
                case "tolerance" -> tolerance = nonNegative(a.getValue(), "option tolerance");
                case "impratio" -> impratio = positive(a.getValue(), "option impratio");
                case "cone" -> {
                    if (!a.getValue().equals("pyramidal")) throw bad("unsupported <option cone=\"" + a.getValue() + "\"> (pyramidal only)");
                }
                default -> throw bad("unsupported attribute " + a.getName() + " of <option>");
            }
        }
    }

    private void defaults(Element e) {
        if (e.hasAttribute("class")) throw bad("named <default class> is not supported");
        for (Element d : children(e)) {
            Map<String, String> target = switch (d.getTagName()) {
                case "joint" -> jointDefaults;
                case "geom" -> geomDefaults;
                case "motor" -> motorDefaults;
                case "tendon" -> null;
                default -> throw bad("unsupported default <" + d.getTagName() + ">");
            };
            if (target == null) {
                if (attrs(d).size() > 0) throw bad("unsupported <tendon> defaults");
                continue;
            }
            for (Attr a : attrs(d)) target.put(a.getName(), a.getValue());
        }
    }

    /** Fixed tendons with nothing but joints and coefficients exert no force; anything more is not supported. */
    private void passiveFreeTendons(Element tendon) {
        for (Element t : children(tendon)) {
            if (!t.getTagName().equals("fixed")) throw bad("unsupported tendon <" + t.getTagName() + "> (only passive-free <fixed>)");
            for (Attr a : attrs(t)) {
                if (!a.getName().equals("name")) throw bad("unsupported attribute " + a.getName() + " of tendon <fixed> (it would exert a force)");
            }
            for (Element j : children(t)) {
                if (!j.getTagName().equals("joint")) throw bad("unsupported element <" + j.getTagName() + "> in tendon <fixed>");
            }
        }
    }

    // ---------------------------------------------------------------- elements

    /** The contact properties of a geom (or plane); {@code fallbackName} names an unnamed one in messages. */
    public ContactProperties contactProperties(Element e, String fallbackName) {
        String name = e.hasAttribute("name") ? e.getAttribute("name") : fallbackName;
        int condim = (int) num(attr(e, geomDefaults, "condim", "3"), "geom condim");
        if (condim != 1 && condim != 3) throw bad("geom '" + name + "' has condim " + condim + " (1 or 3)");
        return new ContactProperties(name,
                (int) num(attr(e, geomDefaults, "contype", "1"), "geom contype"),
                (int) num(attr(e, geomDefaults, "conaffinity", "1"), "geom conaffinity"),
                condim,
                nonNegative(vecAny(attr(e, geomDefaults, "friction", "1"), "geom friction")[0] + "", "geom '" + name + "' friction"),
                nonNegative(attr(e, geomDefaults, "solmix", "1"), "geom '" + name + "' solmix"),
                nonNegative(attr(e, geomDefaults, "margin", "0"), "geom '" + name + "' margin"),
                nonNegative(attr(e, geomDefaults, "gap", "0"), "geom '" + name + "' gap"),
                solref(attr(e, geomDefaults, "solref", null), "geom '" + name + "' solref"),
                solimp(attr(e, geomDefaults, "solimp", null), "geom '" + name + "' solimp"));
    }

    /**
     * The limit of joint {@code name}; {@code scale} converts its range (the compiler's angle unit into radians for
     * angles, 1 for lengths).
     */
    public JointLimit jointLimit(Element e, String name, double scale) {
        double margin = num(attr(e, jointDefaults, "margin", "0"), "joint margin");
        double[] solref = solref(attr(e, jointDefaults, "solreflimit", null), "joint '" + name + "' solreflimit");
        double[] solimp = solimp(attr(e, jointDefaults, "solimplimit", null), "joint '" + name + "' solimplimit");
        if (!limited(e)) return new JointLimit(false, 0, 0, margin, solref, solimp);
        String range = attr(e, jointDefaults, "range", null);
        if (range == null) throw bad("joint '" + name + "' is limited but has no range");
        double[] r = vec(range, 2, "joint range");
        if (!(r[0] < r[1])) throw bad("joint '" + name + "' range must have low < high");
        return new JointLimit(true, r[0] * scale, r[1] * scale, margin, solref, solimp);
    }

    /** Whether a joint is limited: as its {@code limited} says, else when it has a range. */
    public boolean limited(Element joint) {
        String range = attr(joint, jointDefaults, "range", null);
        return attr(joint, jointDefaults, "limited", range != null ? "true" : "false").equals("true");
    }

    /** The motors under {@code <actuator>} (none when it is null), on the named joints. */
    public List<Motor> motors(Element actuator, List<String> jointNames) {
        List<Motor> out = new ArrayList<>();
        if (actuator != null) for (Element e : children(actuator)) out.add(motor(e, jointNames));
        return out;
    }

    /** A motor on one of the named joints (their index in the list). */
    public Motor motor(Element e, List<String> jointNames) {
        if (!e.getTagName().equals("motor")) throw bad("unsupported actuator <" + e.getTagName() + "> (only <motor>)");
        checkAttrs(e, MOTOR_ATTRS);
        String joint = e.getAttribute("joint");
        int index = jointNames.indexOf(joint);
        if (index < 0) throw bad("motor names unknown joint '" + joint + "'");
        double gear = vecAny(attr(e, motorDefaults, "gear", "1"), "motor gear")[0];
        String range = attr(e, motorDefaults, "ctrlrange", null);
        boolean limited = attr(e, motorDefaults, "ctrllimited", range != null ? "true" : "false").equals("true");
        if (!limited) return new Motor(index, gear, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
        if (range == null) throw bad("motor on '" + joint + "' is ctrllimited but has no ctrlrange");
        double[] r = vec(range, 2, "ctrlrange");
        return new Motor(index, gear, r[0], r[1], true);
    }

    /** The geom type code of an MJCF type name; anything but plane, sphere, capsule and box is refused. */
    public int geomType(String type) {
        return switch (type) {
            case "plane" -> GEOM_PLANE;
            case "sphere" -> GEOM_SPHERE;
            case "capsule" -> GEOM_CAPSULE;
            case "box" -> GEOM_BOX;
            default -> throw bad("unsupported geom type " + type + " (sphere, capsule, box, plane)");
        };
    }

    /** Volume of a sphere (radius), capsule (radius, half length) or box (half sizes), as MuJoCo's compiler. */
    public static double volume(int type, double[] size) {
        return switch (type) {
            case GEOM_SPHERE -> 4 * Math.PI * size[0] * size[0] * size[0] / 3;
            case GEOM_CAPSULE -> Math.PI * (size[0] * size[0] * 2 * size[1] + 4 * size[0] * size[0] * size[0] / 3);
            case GEOM_BOX -> size[0] * size[1] * size[2] * 8;
            default -> 0;
        };
    }

    /**
     * Principal moments of inertia of a geom of this mass about its centre, along its local x, y, z (a capsule's
     * axis is z: a cylinder and two hemispheres moved to its ends, as MuJoCo's compiler computes it).
     */
    public static double[] inertia(int type, double[] size, double mass) {
        switch (type) {
            case GEOM_SPHERE -> {
                double i = 2 * mass * size[0] * size[0] / 5;
                return new double[] {i, i, i};
            }
            case GEOM_CAPSULE -> {
                double height = 2 * size[1], radius = size[0];
                double sphereMass = mass * 4 * radius / (4 * radius + 3 * height);
                double cylinderMass = mass - sphereMass;
                double perp = cylinderMass * (3 * radius * radius + height * height) / 12;
                double axial = cylinderMass * radius * radius / 2;
                double sphereInertia = 2 * sphereMass * radius * radius / 5;
                perp += sphereInertia + sphereMass * height * (3 * radius + 2 * height) / 8;
                axial += sphereInertia;
                return new double[] {perp, perp, axial};
            }
            case GEOM_BOX -> {
                double x = size[0], y = size[1], z = size[2];
                return new double[] {mass * (y * y + z * z) / 3, mass * (x * x + z * z) / 3, mass * (x * x + y * y) / 3};
            }
            default -> {
                return new double[3];
            }
        }
    }

    // ---------------------------------------------------------------- values

    /** solref "timeconst dampratio", both positive (MuJoCo's direct, negative form is not supported). */
    public double[] solref(String s, String what) {
        if (s == null) return new double[] {0.02, 1};
        double[] r = vec(s, 2, what);
        if (!(r[0] > 0 && r[1] > 0)) throw bad(what + " must be two positive numbers (timeconst dampratio), got '" + s + "'");
        return r;
    }

    /** solimp "dmin dmax width [midpoint power]", with MuJoCo's defaults for the last two. */
    public double[] solimp(String s, String what) {
        if (s == null) return new double[] {0.9, 0.95, 0.001, 0.5, 2};
        double[] v = vecAny(s, what);
        if (v.length != 3 && v.length != 5) throw bad(what + " needs 3 or 5 numbers, got '" + s + "'");
        double[] r = v.length == 5 ? v : new double[] {v[0], v[1], v[2], 0.5, 2};
        if (!(r[0] >= 0 && r[0] <= 1 && r[1] >= 0 && r[1] <= 1 && r[2] >= 0 && r[3] >= 0 && r[3] <= 1 && r[4] >= 1)) {
            throw bad(what + " must have 0 <= dmin, dmax, midpoint <= 1, width >= 0 and power >= 1, got '" + s + "'");
        }
        return r;
    }

    /**
     * An element's orientation as a unit quaternion (w, x, y, z) from {@code quat} or {@code axisangle} (angles in
     * the compiler's unit); the identity when it has neither.
     */
    public double[] quaternion(Element e) {
        if (e.hasAttribute("euler")) throw bad("euler orientations are not supported (use quat or axisangle)");
        if (e.hasAttribute("quat")) {
            double[] q = vec(e.getAttribute("quat"), 4, "quat");
            double len = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
            if (!(len > 0)) throw bad("quat is zero");
            return new double[] {q[0] / len, q[1] / len, q[2] / len, q[3] / len};
        }
        if (e.hasAttribute("axisangle")) {
            double[] aa = vec(e.getAttribute("axisangle"), 4, "axisangle");
            double angle = aa[3] * (degrees ? Math.PI / 180 : 1);
            double len = Math.sqrt(aa[0] * aa[0] + aa[1] * aa[1] + aa[2] * aa[2]);
            if (!(len > 0)) throw bad("axisangle has a zero axis");
            double s = Math.sin(angle / 2) / len;
            return new double[] {Math.cos(angle / 2), aa[0] * s, aa[1] * s, aa[2] * s};
        }
        return new double[] {1, 0, 0, 0};
    }

    /** The vector v rotated by the unit quaternion q (w, x, y, z). */
    public static double[] rotate(double[] q, double[] v) {
        double w = q[0], x = q[1], y = q[2], z = q[3];
        // v' = v + 2w (q × v) + 2 q × (q × v)
        double tx = 2 * (y * v[2] - z * v[1]);
        double ty = 2 * (z * v[0] - x * v[2]);
        double tz = 2 * (x * v[1] - y * v[0]);
        return new double[] {
            v[0] + w * tx + (y * tz - z * ty),
            v[1] + w * ty + (z * tx - x * tz),
            v[2] + w * tz + (x * ty - y * tx)
        };
    }

    /** Refuses any attribute not in {@code allowed}, and default classes. */
    public void checkAttrs(Element e, Set<String> allowed) {
        for (Attr a : attrs(e)) {
            if (!allowed.contains(a.getName())) {
                throw bad("unsupported attribute " + a.getName() + " of <" + e.getTagName() + ">");
            }
        }
        if (e.hasAttribute("class")) throw bad("default classes are not supported (<" + e.getTagName() + " class>)");
    }

    /** An attribute's value: the element's own, else the default's, else the fallback. */
    public static String attr(Element e, Map<String, String> defaults, String name, String fallback) {
        if (e.hasAttribute(name)) return e.getAttribute(name);
        String d = defaults.get(name);
        return d != null ? d : fallback;
    }

    public double num(String s, String what) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!Double.isFinite(v)) throw bad(what + " is not finite");
            return v;
        } catch (NumberFormatException ex) {
            throw bad(what + " is not a number: '" + s + "'");
        }
    }

    public double nonNegative(String s, String what) {
        double v = num(s, what);
        if (v < 0) throw bad(what + " must not be negative");
        return v;
    }

    public double positive(String s, String what) {
        double v = num(s, what);
        if (v <= 0) throw bad(what + " must be positive");
        return v;
    }

    public double[] vecAny(String s, String what) {
        String[] parts = s.trim().split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) v[i] = num(parts[i], what);
        return v;
    }

    public double[] vec(String s, int len, String what) {
        if (s == null || s.isBlank()) throw bad(what + " is missing");
        double[] v = vecAny(s, what);
        if (v.length != len) throw bad(what + " needs " + len + " numbers, got '" + s + "'");
        return v;
    }

    /** A joint's axis made unit length; a zero axis is refused. */
    public double[] unitAxis(double[] v, Element joint) {
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (len == 0) throw bad("joint '" + joint.getAttribute("name") + "' has a zero axis");
        return new double[] {v[0] / len, v[1] / len, v[2] / len};
    }

    // ---------------------------------------------------------------- DOM

    public static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i).getNodeType() == Node.ELEMENT_NODE) out.add((Element) nl.item(i));
        }
        return out;
    }

    public static void collect(Element e, String tag, List<Element> out) {
        for (Element ch : children(e)) {
            if (ch.getTagName().equals(tag)) out.add(ch);
            collect(ch, tag, out);
        }
    }

    public static List<Attr> attrs(Element e) {
        List<Attr> out = new ArrayList<>();
        NamedNodeMap m = e.getAttributes();
        for (int i = 0; i < m.getLength(); i++) out.add((Attr) m.item(i));
        return out;
    }

    public static String orDefault(String s, String d) {
        return s == null || s.isEmpty() ? d : s;
    }

    /** An rgba attribute as 0xRRGGBB (alpha dropped). */
    public int rgb(Element e) {
        double[] rgba = vec(attr(e, geomDefaults, "rgba", "0.5 0.5 0.5 1"), 4, "geom rgba");
        return (clamp255(rgba[0]) << 16) | (clamp255(rgba[1]) << 8) | clamp255(rgba[2]);
    }

    private static int clamp255(double x) {
        return (int) Math.round(Math.max(0, Math.min(1, x)) * 255);
    }
}
