package dev.touchmark.bench;

import dev.touchmark.code.BatchCodes;
import dev.touchmark.code.CodeFormat;
import dev.touchmark.code.CodeProfile;
import dev.touchmark.code.CodeSigner;
import dev.touchmark.code.Ed25519KeyPair;
import dev.touchmark.keys.KeyIds;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Minting versus Bouncy Castle's raw Ed25519 sign, side by side in one run. Run with
 * scripts/bench-mint.sh (both at -t 2 so both cores are used).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MintBenchmark {
    private byte[] seed;
    private byte[] publicKey;
    private BatchCodes compact;
    private BatchCodes gs1;
    private final AtomicLong next = new AtomicLong();

    @Setup
    public void setUp() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        seed = pair.seed();
        publicKey = pair.publicKey();
        CodeSigner signer = new CodeSigner(pair, KeyIds.shortKid(publicKey));
        compact = new BatchCodes(signer, 123_456, 100_000_000, CodeProfile.COMPACT, "https://tm.example", null, null, null);
        gs1 = new BatchCodes(signer, 123_456, 100_000_000, CodeProfile.GS1, "https://tm.example", "04006381333931",
                "L2026-11", java.time.LocalDate.of(2028, 11, 30));
    }

    /** Per-thread buffers for the raw baseline, so it allocates nothing. */
    @State(Scope.Thread)
    public static class Buffers {
        final byte[] message = new byte[CodeFormat.MESSAGE_LENGTH];
        final byte[] signature = new byte[64];
        long index;
    }

    @Benchmark
    public byte[] rawBouncyCastleSign(Buffers buffers) {
        CodeFormat.writeMessage(new byte[8], 123_456, buffers.index++ & 0xFFFFFF, buffers.message);
        Ed25519.sign(seed, 0, publicKey, 0, buffers.message, 0, buffers.message.length, buffers.signature, 0);
        return buffers.signature;
    }

    @Benchmark
    public String mintCompactUrl() {
        return compact.url(next.getAndIncrement() % 100_000_000);
    }

    @Benchmark
    public String mintGs1Url() {
        return gs1.url(next.getAndIncrement() % 100_000_000);
    }
}
