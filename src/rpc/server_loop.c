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
 * as before: the cost is at most loop_poll_us of CPU after each burst of
 * calls, and 0 turns polling off.
 */
#include "rpc/server_priv.h"

#include <sched.h>

/* Polls until loop_poll_us pass with no call seen, a call goes to the
 * workers, or the server stops. Loop thread. */
static void
server_loop_poll(RpcServer *srv)
{
    uint64_t window = (uint64_t)srv->cfg.loop_poll_us * 1000;
    uint64_t seen = srv->call_turns;
    uint64_t until = uv_hrtime() + window;

    while (srv->jobs_out == 0 && !atomic_load(&srv->stop_requested)) {
        sched_yield();
        if (uv_run(&srv->loop, UV_RUN_NOWAIT) == 0)
            return;
        if (srv->call_turns != seen) {
            seen = srv->call_turns;
            until = uv_hrtime() + window;
        } else if (uv_hrtime() >= until) {
            return;
        }
    }
}

void
rpc_server_loop_run(RpcServer *srv)
{
    if (srv->cfg.loop_poll_us == 0) {
        uv_run(&srv->loop, UV_RUN_DEFAULT);
        return;
    }
    while (!atomic_load(&srv->stop_requested)) {
        uint64_t turns = srv->call_turns;

        if (uv_run(&srv->loop, UV_RUN_ONCE) == 0)
            return;
        if (srv->call_turns != turns)
            server_loop_poll(srv);
    }
}
