package dev.wsf.runtime.frame;

import dev.wsf.api.extension.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Records parser events as readable strings, joining the chunks of each data frame. */
final class RecordingListener implements FrameListener {
    final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private String header;

    @Override
    public void onDataFrame(Opcode opcode, boolean fin, int rsv, long length) {
        header = opcode + (fin ? " fin" : "") + (rsv != 0 ? " rsv=" + rsv : "") + " len=" + length;
        payload.reset();
    }

    @Override
    public void onDataPayload(ByteBuffer chunk, boolean frameEnd) {
        byte[] b = new byte[chunk.remaining()];
        chunk.duplicate().get(b);
        payload.writeBytes(b);
        if (frameEnd) {
            events.add(header + " " + HexFormat.of().formatHex(payload.toByteArray()));
        }
    }

    @Override
    public void onControlFrame(Opcode opcode, ByteBuffer p) {
        byte[] b = new byte[p.remaining()];
        p.duplicate().get(b);
        events.add(opcode + " " + HexFormat.of().formatHex(b));
    }
}
