package io.gauntlet.core;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for one short task at a time, handed over by spinning rather than by an executor's queue.
 *
 * <p>Why: PPO runs the critic's minibatch loss beside the actor's, and the dense kernels hand half of a large product
 * over ({@link io.gauntlet.core.nn.Gemm}): short tasks, many times per iteration; on a virtual machine, waking a parked thread and parking it again costs as much as the task itself (docs/performance.md),
 * which ate the whole gain. Both sides here spin for up to {@link #SPIN_NANOS} before parking, so hand-offs in
 * a busy update loop cost well under a microsecond, while an idle side thread (during rollouts, or when many
 * runs share the machine) parks and burns no CPU.
 *
 * <p>One owner thread calls {@link #submit} and then {@link #join}, strictly alternating. Built with
 * {@code threaded = false} there is no second thread: {@link #submit} runs the task at once and {@link #join}
 * hands back its result, so callers read the same either way.
 */
public final class SideThread<T> implements AutoCloseable {
    /** How long either side spins before parking: a few minibatches' worth. */
    static final long SPIN_NANOS = 2_000_000;

    private final Thread thread; // null when not threaded
    private final Thread owner;
    private volatile Callable<T> task;
    private volatile boolean done = true;
    private volatile boolean closed;
    private T result;
    private Throwable failure;

    public SideThread(String name, boolean threaded) {
        owner = Thread.currentThread();
        thread = threaded ? new Thread(this::loop, name) : null;
        if (thread == null) return;
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code work} on the side thread (or, not threaded, runs it now). */
    public void submit(Callable<T> work) {
        if (!done) throw new IllegalStateException("the previous task has not been joined");
        if (thread == null) {
            run(work);
            return;
        }
        done = false;
        task = work;
        LockSupport.unpark(thread);
    }

    /** Waits for the submitted task and returns its result, rethrowing what it threw. */
    public T join() throws Exception {
        long start = System.nanoTime();
        while (!done) {
            if (System.nanoTime() - start < SPIN_NANOS) Thread.yield();
            else LockSupport.parkNanos(this, 1_000_000);
        }
        Throwable f = failure;
        failure = null;
        T r = result;
        result = null;
        if (f instanceof Exception e) throw e;
        if (f instanceof Error e) throw e;
        return r;
    }

    /** True when tasks run on a second thread (false: {@link #submit} runs them at once on the caller's). */
    public boolean threaded() {
        return thread != null;
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (!closed) {
            Callable<T> work = task;
            if (work == null) {
                if (System.nanoTime() - idleSince < SPIN_NANOS) Thread.yield();
                else LockSupport.park(this);
                continue;
            }
            task = null;
            run(work);
            LockSupport.unpark(owner);
            idleSince = System.nanoTime();
        }
    }

    private void run(Callable<T> work) {
        try {
            result = work.call();
        } catch (Throwable t) {
            failure = t;
        }
        done = true; // volatile write: publishes result and failure to the owner
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) LockSupport.unpark(thread);
    }
}
