/*
 * server_loop.c: runs the server's event loop, polling briefly before it
 * sleeps.
 *
 * A client making a series of calls sends the next one a few tens of
 * microseconds after it read the last reply. When the loop thread has gone
 * to sleep in epoll_wait meanwhile, that request pays for a wake-up: the
 * sender's kernel wakes the loop thread (an inter-processor interrupt, a
 * VM exit on a virtual machine), the loop thread is switched in, and its
 * reply wakes the client the same way. Measured with perf on a 2-vCPU VM
 * during open+close cycles, going to sleep in epoll_wait and being switched
 * back in took 22 % of the loop thread's time.
 *
 * So after a turn that saw a call (read one, sent a worker's reply, or
 * accepted a client, whose calls follow at once), the loop keeps polling its
 * sockets without blocking for up to cfg.loop_poll_us, restarting the window
 * each time it sees another call, and only then sleeps. It never polls while
 * calls are at the workers (they need the CPUs, and their replies wake the
 * loop anyway), and it yields the CPU on each turn, so a runnable thread on
 * the same CPU, a client's included, goes first. Keepalives, stream data
 * and timers do not start a poll, so a daemon with only idle clients sleeps
 * as before, and 0 turns polling off.
 *
 * The window adapts, like the guest haltpoll cpuidle governor's, to the
 * gaps between calls: when the loop polled in vain and slept, the gap is
 * measured when the next call wakes it. A gap no longer than loop_poll_us
 * (a full window would have caught that call) sets the window back to the
 * full length; from the second longer gap in a row each one halves it, and
 * below a few microseconds polling stops until a gap is short again. Clients that leave long gaps between
 * calls (a human at virsh) so cost almost no polling, while a client in a
 * burst keeps the full window: open+close with Debian's client has one
 * long gap per cycle (between a close and the next open) and five short
 * ones.

 */
#include "rpc/server_priv.h"

#include <sched.h>

/* Below this the window is not worth a poll: polling stops. */
#define SERVER_POLL_MIN_NS 4000

/* Polls until the window passes with no call seen, a call goes to the
 * workers, or the server stops. Returns true when it ended for want of a
 * call (the loop then sleeps, and the gap to the next call is measured).
 * Loop thread. */
static bool
server_loop_poll(RpcServer *srv)
{
    uint64_t seen = srv->call_turns;
    uint64_t until = uv_hrtime() + srv->poll_window_ns;

    while (srv->jobs_out == 0 && !atomic_load(&srv->stop_requested)) {
        sched_yield();
        if (uv_run(&srv->loop, UV_RUN_NOWAIT) == 0)
            return false;
        if (srv->call_turns != seen) {
            seen = srv->call_turns;
            srv->poll_long_gaps = 0;
            until = uv_hrtime() + srv->poll_window_ns;
        } else if (uv_hrtime() >= until) {
            return true;
        }
    }
    return false;
}

/* Sets the window from the last gap between calls (see the top). */
static void
server_loop_adapt(RpcServer *srv, uint64_t gap_ns, uint64_t max_ns)
{
    if (gap_ns <= max_ns) {
        srv->poll_window_ns = max_ns;
        srv->poll_long_gaps = 0;
        return;
    }
    /* One long gap in a burst is the client doing something else for a
     * moment (between a close and its next open); a second in a row is
     * its pace. */
    if (++srv->poll_long_gaps < 2)
        return;
    srv->poll_window_ns /= 2;
    if (srv->poll_window_ns < SERVER_POLL_MIN_NS)
        srv->poll_window_ns = 0;
}

void
rpc_server_loop_run(RpcServer *srv)
{
    uint64_t max_ns = (uint64_t)srv->cfg.loop_poll_us * 1000;
    uint64_t idle_since = 0, polled = 0;
    bool measuring = false;

    if (max_ns == 0) {
        uv_run(&srv->loop, UV_RUN_DEFAULT);
        return;
    }
    srv->poll_window_ns = max_ns;
    while (!atomic_load(&srv->stop_requested)) {
        uint64_t turns = srv->call_turns;

        if (uv_run(&srv->loop, UV_RUN_ONCE) == 0)
            return;
        if (srv->call_turns == turns)
            continue; /* a timer or a keepalive: the gap goes on */
        if (measuring)
            server_loop_adapt(srv, polled + (uv_hrtime() - idle_since), max_ns);
        /* The gap to the next call counts from here, with the window polled
         * in vain before the sleep; a poll cut short by worker calls says
         * nothing about the client's pace. */
        polled = srv->poll_window_ns;
        measuring = polled == 0 || server_loop_poll(srv);
        idle_since = uv_hrtime();
    }
}
