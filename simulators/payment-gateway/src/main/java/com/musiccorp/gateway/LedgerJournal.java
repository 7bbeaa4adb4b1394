package com.musiccorp.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ledger's changes, one line each, appended in the order the ledger made them: a call counted,
 * a key voided, a charge or a refund answered. Each line is one write, made before the change is
 * answered, so a gateway killed with SIGKILL loses nothing it answered (the operating system keeps
 * the write; a power cut is out of scope, as for the simulated mailbox). Fields are URL-encoded and
 * tab-separated; {@code ~} (which URL encoding never produces) stands for a missing reference. A
 * torn last line, cut by a kill during its write, is ignored: its change was never answered.
 */
interface LedgerJournal {

    LedgerJournal NONE = line -> {
    };

    void append(String line);

    default void called(String key) {
        append(line("call", key));
    }

    default void voided(String key) {
        append(line("void", key));
    }

    default void charged(ChargeCall call, ChargeReply reply) {
        append(line("charge", call.idempotencyKey(), call.orderId(), call.customerId(), Long.toString(call.amountMinor()),
                call.currency(), call.paymentMethodToken(), reply.status().name(), reply.reference(), reply.message()));
    }

    default void refunded(RefundCall call, RefundReply reply) {
        append(line("refund", call.idempotencyKey(), call.chargeKey(), call.reason(), reply.status().name(),
                reply.reference(), reply.message()));
    }

    /** Appends to {@code file} after its first {@code complete} bytes (a torn line after them is cut off). */
    static LedgerJournal appendingTo(Path file, long complete) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(complete);
        channel.position(complete);
        return line -> {
            try {
                ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) channel.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot journal the ledger to " + file, e);
            }
        };
    }

    /**
     * Applies every complete line of {@code file} to {@code ledger}, which must not journal yet.
     *
     * @return the length in bytes of the complete lines
     */
    static long replay(Path file, Ledger ledger) throws IOException {
        if (!Files.exists(file)) return 0;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\n", -1));
        for (String line : lines.subList(0, lines.size() - 1)) { // the part after the last newline is torn or empty
            String[] f = Stream.of(line.split("\t", -1)).map(LedgerJournal::decode).toArray(String[]::new);
            switch (f[0]) {
                case "call" -> ledger.countCall(f[1]);
                case "void" -> ledger.voidKey(f[1]);
                case "charge" -> ledger.recordCharge(new ChargeCall(f[1], f[2], f[3], Long.parseLong(f[4]), f[5], f[6]),
                        new ChargeReply(ChargeReply.Status.valueOf(f[7]), f[8], f[9], Duration.ZERO, false));
                case "refund" -> ledger.recordRefund(new RefundCall(f[1], f[2], f[3]),
                        new RefundReply(RefundReply.Status.valueOf(f[4]), f[5], f[6], false));
                default -> throw new IOException(file + " has a line this gateway did not write: " + line);
            }
        }
        return text.lastIndexOf('\n') + 1L; // the journal is ASCII: URL-encoded fields
    }

    private static String line(String... fields) {
        return Stream.of(fields).map(f -> f == null ? "~" : URLEncoder.encode(f, StandardCharsets.UTF_8))
                .collect(Collectors.joining("\t"));
    }

    private static String decode(String field) {
        return field.equals("~") ? null : URLDecoder.decode(field, StandardCharsets.UTF_8);
    }
}
