package com.musiccorp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;

/**
 * The command-line tool for working with MusicCorp's topics by hand: publish and tail events,
 * list topics with consumer lag, manage schemas, inspect and re-drive dead letters, query views,
 * rebuild a context's state and digest it.
 *
 * <p>Exit codes: 0 done, 1 failed (incompatible schema, HTTP error, cluster error), 2 bad usage or
 * invalid input (nothing was written).
 */
@Command(name = "musiccorp cli", mixinStandardHelpOptions = true, version = "MusicCorp CLI 0.1.0",
        description = "Work with MusicCorp's topics, schemas, dead letters, views and state rebuilds by hand.",
        subcommands = {PublishCommand.class, TailCommand.class, TopicsCommand.class, SchemasCommand.class,
                DlqCommand.class, QueryCommand.class, ReplayCommand.class, DigestCommand.class,
                CommandLine.HelpCommand.class})
public final class MusicCorpCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;

    private final Io io;
    @Spec
    CommandSpec spec;

    MusicCorpCli(Io io) {
        this.io = io;
    }

    public static void main(String[] args) {
        // Before any logger exists: other modules' jars carry a logback.xml too, and logback reports
        // that ambiguity on stdout, which is this tool's output.
        System.setProperty("logback.configurationFile", "cli-logback.xml");
        int code = run(new Io(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in,
                ProgressLine.stdioIsTerminal()), args);
        System.exit(code);
    }

    /** Runs one command and returns its exit code; tests call this instead of main. */
    public static int run(Io io, String... args) {
        CommandLine cli = new CommandLine(new MusicCorpCli(io), new Factory(io));
        cli.setOut(io.out());
        cli.setErr(io.err());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException failure) {
                io.err().println(failure.getMessage());
                return failure.exitCode();
            }
            io.err().println("error: " + e);
            return FAILED;
        });
        try {
            return cli.execute(args);
        } finally {
            io.out().flush();
            io.err().flush();
        }
    }

    /** No subcommand: a usage error that shows what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return INVALID;
    }

    /**
     * The console a command talks to; stdout carries results only, stderr progress and errors.
     * {@code terminal}: a person watches, so progress may rewrite its line in place.
     */
    public record Io(PrintWriter out, PrintWriter err, InputStream in, boolean terminal) {
        /** Not a terminal: what tests and pipes get. */
        public Io(PrintWriter out, PrintWriter err, InputStream in) {
            this(out, err, in, false);
        }
    }

    /** Hands {@link Io} to every command that takes it in its constructor. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withIo = type.getDeclaredConstructor(Io.class);
                withIo.setAccessible(true);
                return withIo.newInstance(io);
            } catch (NoSuchMethodException none) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
