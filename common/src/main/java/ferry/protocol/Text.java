package ferry.protocol;

/** Small rules for text that came from the network, the same on both sides. */
public final class Text {
    private Text() {}

    /** {@code text} cut to at most {@code max} chars, never between the two halves of a surrogate pair, with "…" if cut. */
    public static String cut(String text, int max) {
        if (text.length() <= max) return text;
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }

    /** True if {@code text} holds a control character (C0, DEL or C1): never part of a name we accept. */
    public static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** {@code text} fit for one log line: control characters become '?', so no one can forge a line. */
    public static String printable(String text) {
        return hasControl(text) ? text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString() : text;
    }
}
