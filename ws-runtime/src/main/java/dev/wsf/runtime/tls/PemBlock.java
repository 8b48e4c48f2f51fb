package dev.wsf.runtime.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One {@code -----BEGIN label----- ... -----END label-----} block of a PEM text (RFC 7468), decoded.
 * Text outside blocks is ignored, as OpenSSL does, so files with "Bag Attributes" or comments
 * between blocks read fine. Error messages never quote the block's content: it may be a key.
 *
 * @param label   what the BEGIN line names, e.g. {@code CERTIFICATE} or {@code EC PRIVATE KEY}
 * @param der     the decoded Base64 body
 * @param headers whether the block had RFC 1421 headers ({@code Proc-Type: 4,ENCRYPTED}): the
 *                legacy OpenSSL key encryption, which we do not read
 */
record PemBlock(String label, byte[] der, boolean headers) {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /** Every block of {@code text} in order. */
    static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        String label = null;
        StringBuilder body = new StringBuilder();
        boolean headers = false;
        int lineNumber = 0;
        int beginLine = 0;
        for (String raw : text.split("\\R", -1)) {
            lineNumber++;
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + DASHES.length()) {
                    label = line.substring(BEGIN.length(), line.length() - DASHES.length());
                    body.setLength(0);
                    headers = false;
                    beginLine = lineNumber;
                }
            } else if (line.startsWith(END)) {
                if (!line.equals(END + label + DASHES)) {
                    throw new IllegalArgumentException("the block \"" + label + "\" opened at line "
                            + beginLine + " is closed by a different END line at line " + lineNumber);
                }
                blocks.add(new PemBlock(label, decode(body, label, beginLine), headers));
                label = null;
            } else if (line.contains(":")) {
                headers = true;   // "Proc-Type: 4,ENCRYPTED", "DEK-Info: ..."
            } else {
                body.append(line);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException("the block \"" + label + "\" opened at line " + beginLine
                    + " has no END line (truncated file?)");
        }
        return blocks;
    }

    private static byte[] decode(StringBuilder body, String label, int beginLine) {
        try {
            return Base64.getDecoder().decode(body.toString());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes the offending character, and the body may be a key.
            throw new IllegalArgumentException("the block \"" + label + "\" at line " + beginLine
                    + " is not valid Base64");
        }
    }

    /** The labels found, for "expected X, found Y" messages. */
    static List<String> labels(List<PemBlock> blocks) {
        return blocks.stream().map(PemBlock::label).toList();
    }
}
