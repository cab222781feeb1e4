package io.gauntlet.envs.physics;

import static io.gauntlet.envs.physics.Columns.concat;
import static io.gauntlet.envs.physics.Columns.doubles;
import static io.gauntlet.envs.physics.Columns.ints;

import java.util.List;

/**
 * The geom pairs a model lists as able to touch, compiled once in MuJoCo's order (geom1 has the lower type), with
 * their combined contact parameters ({@link MjcfReader.PairParameters}), laid out as arrays for both engines; and how
 * many contacts and constraint rows they can make at most, which the simulators allocate once.
 */
public final class ContactPairs {
    public final int count;
    public final int[] geom1, geom2, condim;
    /** Sliding friction of each pair (a task may rescale it). */
    public final double[] friction;
    public final double[] margin, gap;
    /** solref (2 per pair) and solimp (5 per pair), mixed from the two geoms. */
    public final double[] solref, solimp;

    public ContactPairs(List<MjcfReader.Pair> pairs) {
        count = pairs.size();
        geom1 = ints(pairs, MjcfReader.Pair::geom1);
        geom2 = ints(pairs, MjcfReader.Pair::geom2);
        condim = ints(pairs, p -> p.parameters().condim());
        friction = doubles(pairs, p -> p.parameters().friction());
        margin = doubles(pairs, p -> p.parameters().margin());
        gap = doubles(pairs, p -> p.parameters().gap());
        solref = concat(pairs, p -> p.parameters().solref());
        solimp = concat(pairs, p -> p.parameters().solimp());
    }

    /** Largest number of contacts MuJoCo's function for these two geom types returns. */
    private static int maxContacts(int type1, int type2) {
        if (type1 == MjcfReader.GEOM_PLANE) {
            return type2 == MjcfReader.GEOM_BOX ? 4 : type2 == MjcfReader.GEOM_CAPSULE ? 2 : 1;
        }
        return type1 == MjcfReader.GEOM_CAPSULE ? 2 : 1;
    }

    /** The most contacts all pairs can have at once ({@code geomType}: the model's geom types). */
    public int maxContacts(int[] geomType) {
        int max = 0;
        for (int p = 0; p < count; p++) max += maxContacts(geomType[geom1[p]], geomType[geom2[p]]);
        return max;
    }

    /** The most constraint rows those contacts take ({@link SoftConstraints#rowsOfContact}). */
    public int maxRows(int[] geomType) {
        int max = 0;
        for (int p = 0; p < count; p++) {
            max += maxContacts(geomType[geom1[p]], geomType[geom2[p]]) * SoftConstraints.rowsOfContact(condim[p]);
        }
        return max;
    }
}
