package dev.wsf.runtime.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The data sets of the permessage-deflate cases. Autobahn ships five files (a large JSON document,
 * a 512x512 bitmap, a German novel, a large HTML page, a PDF); these are generated stand-ins of
 * the same kinds and roughly the same sizes, made from a fixed seed so every run sends the same
 * octets. The text sets are pure ASCII, so a message cut at any octet is still valid UTF-8, as
 * Autobahn's cutting requires.
 */
final class CompressionData {
    /** A data set: messages are cut from it in order, wrapping around at its end. */
    record DataSet(String name, byte[] bytes, boolean binary) {
        byte[] slice(int from, int length) {
            byte[] out = new byte[length];
            for (int i = 0; i < length; ) {
                int at = (from + i) % bytes.length;
                int n = Math.min(length - i, bytes.length - at);
                System.arraycopy(bytes, at, out, i, n);
                i += n;
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String[] WORDS = {"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des",
        "auf", "f\u00fcr", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er",
        "hat", "da\u00df", "sie", "nach", "wird", "bei", "einer", "Geist", "Welt", "Natur", "Herz", "Himmel", "Erde",
        "Nacht", "Licht", "Tr\u00e4ume", "Gr\u00f6\u00dfe", "sch\u00f6n", "K\u00f6nig", "Wissen", "Liebe", "Zeit",
        "Stunde", "Augenblick", "verweile", "doch", "bist", "so", "Mensch", "strebt", "irrt", "lang", "Gold", "Wein"};

    private static List<DataSet> all;

    private CompressionData() {
    }

    /** The five sets in the order of 12.1 to 12.5. */
    static synchronized List<DataSet> all() {
        if (all == null) {
            all = List.of(json(), bitmap(), novel(), html(), pdf());
        }
        return all;
    }

    static DataSet json() {
        Random r = new Random(12_1);
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; sb.length() < 194_000; i++) {
            sb.append(i == 0 ? "" : ",\n").append("  {\"id\": ").append(100_000 + i)
                    .append(", \"guid\": \"").append(Long.toHexString(r.nextLong())).append('-')
                    .append(Integer.toHexString(r.nextInt())).append("\", \"isActive\": ").append(r.nextBoolean())
                    .append(", \"balance\": \"$").append(r.nextInt(4000)).append('.').append(10 + r.nextInt(90))
                    .append("\", \"age\": ").append(18 + r.nextInt(60)).append(", \"name\": \"")
                    .append(ascii(WORDS[r.nextInt(WORDS.length)])).append(' ').append(ascii(WORDS[r.nextInt(WORDS.length)]))
                    .append("\", \"email\": \"user").append(i).append("@example.com\", \"tags\": [\"")
                    .append(ascii(WORDS[r.nextInt(WORDS.length)])).append("\", \"").append(ascii(WORDS[r.nextInt(WORDS.length)]))
                    .append("\"], \"latitude\": ").append(r.nextInt(180) - 90).append('.').append(r.nextInt(1_000_000))
                    .append(", \"longitude\": ").append(r.nextInt(360) - 180).append('.').append(r.nextInt(1_000_000))
                    .append('}');
        }
        sb.append("\n]\n");
        return new DataSet("a large JSON document (text)", sb.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    /** A 512x512 8-bit greyscale BMP of smooth shapes with some noise. */
    static DataSet bitmap() {
        Random r = new Random(12_2);
        int w = 512;
        int h = 512;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int palette = 256 * 4;
        int offset = 14 + 40 + palette;
        le(out, 0x4D42, 2);
        le(out, offset + w * h, 4);
        le(out, 0, 4);
        le(out, offset, 4);
        le(out, 40, 4);
        le(out, w, 4);
        le(out, h, 4);
        le(out, 1, 2);
        le(out, 8, 2);
        le(out, 0, 4);
        le(out, w * h, 4);
        le(out, 2835, 4);
        le(out, 2835, 4);
        le(out, 256, 4);
        le(out, 0, 4);
        for (int i = 0; i < 256; i++) {
            out.write(i);
            out.write(i);
            out.write(i);
            out.write(0);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 128 + 60 * Math.sin(x / 23.0) * Math.cos(y / 31.0) + 40 * Math.sin((x + y) / 57.0);
                double dx = x - 256;
                double dy = y - 240;
                if (dx * dx + dy * dy < 90 * 90) {
                    v = 220 - Math.sqrt(dx * dx + dy * dy);
                }
                out.write((int) Math.max(0, Math.min(255, v + r.nextGaussian() * 6)));
            }
        }
        return new DataSet("a 512x512 greyscale bitmap (binary)", out.toByteArray(), true);
    }

    /** German prose with umlauts, sent as binary like Autobahn's novel. */
    static DataSet novel() {
        Random r = new Random(12_3);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 215_000) {
            int words = 6 + r.nextInt(14);
            for (int i = 0; i < words; i++) {
                String word = WORDS[r.nextInt(WORDS.length)];
                sb.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                sb.append(i == words - 1 ? (r.nextInt(5) == 0 ? "!\n" : ".\n") : r.nextInt(9) == 0 ? ", " : " ");
            }
        }
        return new DataSet("German prose (binary)", sb.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    static DataSet html() {
        Random r = new Random(12_4);
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html>\n<head><title>Data</title>"
                + "<style>td { padding: 2px; } .odd { background: #eee; }</style></head>\n<body>\n<table>\n");
        for (int i = 0; sb.length() < 250_000; i++) {
            sb.append("<tr class=\"").append(i % 2 == 0 ? "even" : "odd").append("\"><td>").append(i)
                    .append("</td><td><a href=\"/item/").append(r.nextInt(100_000)).append("\">")
                    .append(ascii(WORDS[r.nextInt(WORDS.length)])).append("</a></td><td>")
                    .append(r.nextInt(10_000) / 100.0).append("</td><td><span class=\"tag\">")
                    .append(ascii(WORDS[r.nextInt(WORDS.length)])).append("</span></td></tr>\n");
        }
        sb.append("</table>\n</body>\n</html>\n");
        return new DataSet("a large HTML page (text)", sb.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    /** PDF-like: text objects between streams of incompressible octets. */
    static DataSet pdf() {
        Random r = new Random(12_5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
        for (int obj = 1; out.size() < 1_000_000; obj++) {
            byte[] stream = new byte[2000 + r.nextInt(20_000)];
            r.nextBytes(stream);
            String head = obj + " 0 obj\n<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n";
            out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(stream);
            out.writeBytes(("\nendstream\nendobj\n" + (obj + 1000) + " 0 obj\n<< /Type /Page /Parent 3 0 R /MediaBox"
                    + " [0 0 612 792] /Contents " + obj + " 0 R >>\nendobj\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return new DataSet("a PDF-like document (binary)", out.toByteArray(), true);
    }

    private static String ascii(String word) {
        return word.replace("\u00fc", "ue").replace("\u00f6", "oe").replace("\u00e4", "ae").replace("\u00df", "ss");
    }

    private static void le(ByteArrayOutputStream out, int value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write(value >> (8 * i));
        }
    }
}
