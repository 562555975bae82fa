package ferry.client.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words at spaces; 'single' or "double" quotes keep spaces inside a word. {@link #commands}
 * splits {@code -c}'s text into command lines at the semicolons outside quotes.
 */
final class Words {
    private Words() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unbalanced " + quote + " quote");
        if (inWord) words.add(word.toString());
        return words;
    }

    /** "get 'a;b'; ls" gives ["get 'a;b'", " ls"]: one line per command, quotes kept for {@link #split}. */
    static List<String> commands(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ';') {
                lines.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unbalanced " + quote + " quote");
        lines.add(text.substring(start));
        return lines;
    }
}
