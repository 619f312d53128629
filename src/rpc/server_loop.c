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
 * The window adapts, like the guest haltpoll governor's: a poll that sees a
 * call doubles it (up to loop_poll_us), one that ends empty halves it, and
 * below a few microseconds polling stops until a sleep turns out shorter
 * than loop_poll_us (a poll would have caught that call), which restarts
 * it. Clients that leave long gaps between calls (a TLS handshake, a human
 * at virsh) so cost almost no polling, while a client in a burst of calls
 * keeps the full window: open+close with Debian's client misses once per
 * cycle and hits five times.
 */
#include "rpc/server_priv.h"

#include <sched.h>

/* Below this the window is not worth a poll: polling stops. */
#define SERVER_POLL_MIN_NS 4000

/* Polls until the window passes with no call seen, a call goes to the
 * workers, or the server stops, and adapts the window to what happened.
 * Loop thread. */
static void
server_loop_poll(RpcServer *srv, uint64_t max_ns)
{
    uint64_t seen = srv->call_turns;
    uint64_t until = uv_hrtime() + srv->poll_window_ns;

    while (srv->jobs_out == 0 && !atomic_load(&srv->stop_requested)) {
        sched_yield();
        if (uv_run(&srv->loop, UV_RUN_NOWAIT) == 0)
            return;
        if (srv->call_turns != seen) {
            seen = srv->call_turns;
            srv->poll_window_ns = srv->poll_window_ns * 2 > max_ns ? max_ns
                                                                   : srv->poll_window_ns * 2;
            until = uv_hrtime() + srv->poll_window_ns;
        } else if (uv_hrtime() >= until) {
            srv->poll_window_ns /= 2;
            if (srv->poll_window_ns < SERVER_POLL_MIN_NS)
                srv->poll_window_ns = 0;
            return;
        }
    }
}

void
rpc_server_loop_run(RpcServer *srv)
{
    uint64_t max_ns = (uint64_t)srv->cfg.loop_poll_us * 1000;

    if (max_ns == 0) {
        uv_run(&srv->loop, UV_RUN_DEFAULT);
        return;
    }
    srv->poll_window_ns = max_ns;
    while (!atomic_load(&srv->stop_requested)) {
        uint64_t turns = srv->call_turns;
        uint64_t slept = uv_hrtime();

        if (uv_run(&srv->loop, UV_RUN_ONCE) == 0)
            return;
        if (srv->call_turns == turns)
            continue;
        /* Woken by a call soon enough that a poll would have caught it. */
        slept = uv_hrtime() - slept;
        if (slept < max_ns && srv->poll_window_ns < max_ns)
            srv->poll_window_ns = srv->poll_window_ns ? srv->poll_window_ns * 2 : max_ns / 4;
        if (srv->poll_window_ns > max_ns)
            srv->poll_window_ns = max_ns;
        if (srv->poll_window_ns > 0)
            server_loop_poll(srv, max_ns);
    }
}
