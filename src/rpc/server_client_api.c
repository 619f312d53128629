/*
 * server_client_api.c: the per-client functions program code calls from
 * handlers and other threads (server.h). Everything here is thread-safe:
 * it touches only atomics, the private-data lock, or hands work to the loop.
 */
#include "rpc/server_priv.h"

void *
rpc_server_client_get_private(RpcServerClient *client)
{
    void *priv;

    pthread_mutex_lock(&client->priv_lock);
    priv = client->priv;
    pthread_mutex_unlock(&client->priv_lock);
    return priv;
}

void
rpc_server_client_set_private(RpcServerClient *client, void *priv, RpcClientFreeFunc free_fn)
{
    void *old;
    RpcClientFreeFunc old_fn;

    pthread_mutex_lock(&client->priv_lock);
    old = client->priv;
    old_fn = client->priv_free;
    client->priv = priv;
    client->priv_free = free_fn;
    pthread_mutex_unlock(&client->priv_lock);
    if (old && old_fn && old != priv)
        old_fn(old);
}

bool
rpc_server_client_is_readonly(RpcServerClient *client)
{
    return atomic_load(&client->readonly);
}

void
rpc_server_client_set_readonly(RpcServerClient *client, bool readonly)
{
    atomic_store(&client->readonly, readonly);
}

int
rpc_server_client_auth(RpcServerClient *client)
{
    return client->auth;
}

void
rpc_server_client_set_authenticated(RpcServerClient *client)
{
    atomic_store(&client->authenticated, true);
    if (atomic_exchange(&client->anonymous, false))
        atomic_fetch_sub(&client->srv->nanonymous, 1);
}

bool
rpc_server_client_is_local(RpcServerClient *client)
{
    return client->local;
}

void
rpc_server_client_close_after_reply(RpcServerClient *client)
{
    atomic_store(&client->close_after_reply, true);
}

void
rpc_server_client_enable_keepalive(RpcServerClient *client)
{
    /* Timers belong to the loop: ask it to start one. */
    rpc_server_job_finish(client->srv, rpc_server_job_new(client, RPC_JOB_KEEPALIVE, 0));
}

int
rpc_server_client_send_message(RpcServerClient *client, unsigned int prog, unsigned int vers,
                               int proc, xdrproc_t filter, void *msg)
{
    rpc_msg_header hdr = { prog, vers, proc, RPC_MSG_MESSAGE, 1, RPC_MSG_STATUS_OK };
    RpcServerJob *job;

    if (atomic_load(&client->closed))
        return -1;
    if (atomic_load(&client->event_bytes) > RPC_SERVER_EVENT_QUEUE_MAX) {
        /* Events are never dropped silently: a client this far behind is
         * disconnected instead (once). */
        if (!atomic_exchange(&client->close_after_reply, true))
            rpc_server_job_finish(client->srv, rpc_server_job_new(client, RPC_JOB_DROP, 0));
        return -1;
    }
    job = rpc_server_job_new(client, RPC_JOB_MESSAGE, 0);
    if (rpc_message_append(&job->out, &hdr, filter, msg) < 0) {
        rpc_server_job_free(job);
        return -1;
    }
    atomic_fetch_add(&client->event_bytes, job->out.len);
    rpc_server_job_finish(client->srv, job);
    return 0;
}
