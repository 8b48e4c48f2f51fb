package dev.wsf.fuzz;

/**
 * Masks the payloads of the client frames in a fuzz input, turning the input into what goes on
 * the wire. Inputs carry payloads unmasked, next to the key their header names, so that what the
 * fuzzer mutates and what the runtime compares after unmasking (opcodes of close codes, UTF-8,
 * DEFLATE blocks) are the same bytes, whatever the key: libFuzzer's comparison-guided mutations
 * copy compared values into the input, which only helps if the input holds them in clear.
 *
 * <p>Nothing is lost: headers are left as they are, so frame boundaries are found the same way
 * in both directions, and XOR with the key undoes itself. This is a bijection on byte strings,
 * and every wire byte sequence is still some input. Bytes after a frame header cut short, and
 * frames without the mask bit, are passed through unchanged.
 */
final class ClientMasking {
    private ClientMasking() {
    }

    /** The wire form of {@code input}, a new array. */
    static byte[] apply(byte[] input) {
        byte[] out = input.clone();
        int pos = 0;
        while (pos + 2 <= out.length) {
            int b1 = out[pos + 1] & 0xFF;
            boolean masked = (b1 & 0x80) != 0;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (pos + 4 > out.length) {
                    break;
                }
                length = ((out[pos + 2] & 0xFF) << 8) | (out[pos + 3] & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (pos + 10 > out.length) {
                    break;
                }
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (out[pos + 2 + i] & 0xFF);
                }
                header = 10;
            }
            if (masked) {
                if (pos + header + 4 > out.length) {
                    break;
                }
                header += 4;
            }
            int start = pos + header;
            long available = out.length - start;
            long payload = length < 0 || length > available ? available : length; // < 0: MSB set, invalid anyway
            if (masked) {
                for (int i = 0; i < payload; i++) {
                    out[start + i] ^= out[start - 4 + (i & 3)];
                }
            }
            if (payload == available) {
                break;
            }
            pos = start + (int) payload;
        }
        return out;
    }
}
