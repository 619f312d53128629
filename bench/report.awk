# Turns the benchmark's raw rows (see bench/run.sh) into the markdown report.
# Input lines are tab separated; the first field says where they came from:
#   meta KEY VALUE...                      run facts
#   CLIENT floor TRANSPORT N OPS P50 P99  raw ping-pong, measured in the
#                                         same rotation as the daemons
#   CLIENT row KEY LABEL TARGET OPS P50 P99 ERRORS NOTE   load generator
#   CLIENT target LABEL up|down REASON
#   mem DAEMON base|mark|served|next|failed ...           idle connections
# Written for mawk (Debian's awk): no gawk extensions.
BEGIN {
    FS = "\t"
    A = "libvirtd"
    B = "vireod"
}

$1 == "meta" {
    if ($2 == "maxclients" || $2 == "down" || $2 == "missing")
        meta[$2 "/" $3] = $4
    else
        meta[$2] = $3
    next
}

$2 == "floor" {
    fkey = $1 SUBSEP $3 "/" $4
    floor_ops[fkey] = $5
    floor_p50[fkey] = $6
    floor_p99[fkey] = $7
    next
}

$1 == "mem" {
    d = $2
    if ($3 == "base") mem_base[d] = $4
    else if ($3 == "mark") {
        mem_rss[d "/" $4] = $5
        mem_per[d "/" $4] = $6
        if (!($4 in mark_seen)) { mark_seen[$4] = 1; marks[++nmarks] = $4 }
    }
    else if ($3 == "served") { mem_served[d] = $4; mem_secs[d] = $5 }
    else if ($3 == "next") { mem_next[d] = $4; mem_next_ms[d] = $5; mem_next_detail[d] = $6 }
    else if ($3 == "failed") mem_failed[d] = $4
    next
}

$2 == "row" {
    c = $1
    if (!(c in client_seen)) { client_seen[c] = 1; clients[++nclients] = c }
    k = c SUBSEP $3
    if (!(k in key_seen)) {
        key_seen[k] = 1
        nkeys[c]++
        keys[c, nkeys[c]] = $3
        labels[c, $3] = $4
    }
    t = c SUBSEP $3 SUBSEP $5
    ops[t] = $6; p50[t] = $7; p99[t] = $8; note[t] = $10
    next
}

$2 == "target" {
    target_state[$1 SUBSEP $3] = $4
    target_reason[$1 SUBSEP $3] = $5
    next
}

function group(n,    s, neg) {
    n = sprintf("%.0f", n)
    neg = ""
    if (substr(n, 1, 1) == "-") { neg = "-"; n = substr(n, 2) }
    s = ""
    while (length(n) > 3) {
        s = "," substr(n, length(n) - 2) s
        n = substr(n, 1, length(n) - 3)
    }
    return neg n s
}

function us(v) {
    if (v + 0 < 10) return sprintf("%.1f", v)
    return group(v)
}

function short(s) {
    gsub(/\|/, "/", s)
    if (length(s) > 90) s = substr(s, 1, 87) "..."
    return s
}

function ratio(b, a) {
    if (a + 0 <= 0 || b + 0 <= 0) return "—"
    return sprintf("%.2f×", b / a)
}

# "12,345/s · 80/119 µs" or why there is no figure.
function cell(c, key, d,    t, why) {
    t = c SUBSEP key SUBSEP d
    if (t in ops && ops[t] != "-")
        return group(ops[t]) "/s · " us(p50[t]) "/" us(p99[t]) " µs"
    why = ""
    if (t in note) why = note[t]
    else if (("down/" d) in meta) why = meta["down/" d]
    else if ((c SUBSEP d) in target_reason) why = target_reason[c SUBSEP d]
    return "n/a" (why != "" ? " (" short(why) ")" : "")
}

function value(c, key, d,    t) {
    t = c SUBSEP key SUBSEP d
    if (t in ops && ops[t] != "-") return ops[t]
    return 0
}

function floor_cell(c, key,    n, parts, fkey) {
    n = split(key, parts, "/")
    if (n != 3 || parts[1] != "version") return "—"
    fkey = c SUBSEP parts[2] "/" parts[3]
    if (!(fkey in floor_ops)) return "n/a"
    return group(floor_ops[fkey]) "/s · " us(floor_p50[fkey]) "/" us(floor_p99[fkey]) " µs"
}

function client_title(c) {
    if (c == "debian") return "Debian's libvirt " meta["libvirt"] " client library (`-lvirt`)"
    if (c == "libvireo") return "libvireo as the client library"
    if (c == "idle") return "Debian's client beside " group(meta["idleconns"]) " idle connections held open on each daemon"
    return c
}

# One client's table. Rows in measurement order, scaling rows last (by
# workload, then size). ref is the client whose rows give the keys; why, when
# set, replaces every daemon figure (the client could not be built).
function print_client(c, ref, why,    i, k, ns, sk, j, tmp, a, b, ca, cb) {
    # libvireo's table also answers "is libvireo + vireod better than
    # Debian's client + libvirtd?" in a column of its own.
    cross = (c == "libvireo" && why == "" && ("debian" in client_seen))
    print ""
    print "### " client_title(c)
    print ""
    if (cross) {
        print "| figure | " A " | " B " | " B "/" A " | " B " here / " A " with Debian's client | floor |"
        print "|---|---|---|---|---|---|"
    } else {
        print "| figure | " A " | " B " | " B "/" A " | floor |"
        print "|---|---|---|---|---|"
    }
    ns = 0
    for (i = 1; i <= nkeys[ref]; i++) {
        k = keys[ref, i]
        if (k ~ /^scale-/) sk[++ns] = k
    }
    for (i = 2; i <= ns; i++) {
        tmp = sk[i]
        split(tmp, b, "/")
        for (j = i - 1; j >= 1; j--) {
            split(sk[j], a, "/")
            if (a[1] < b[1] || (a[1] == b[1] && a[2] + 0 <= b[2] + 0)) break
            sk[j + 1] = sk[j]
        }
        sk[j + 1] = tmp
    }
    for (i = 1; i <= nkeys[ref]; i++) {
        k = keys[ref, i]
        if (k ~ /^scale-/) continue
        print_row(c, ref, why, k, labels[ref, k])
    }
    for (i = 1; i <= ns; i++)
        print_row(c, ref, why, sk[i], "scaling: " labels[ref, sk[i]])
}

function print_row(c, ref, why, k, label,    ca, cb) {
    if (why != "") {
        ca = cb = "n/a (" why ")"
    } else {
        ca = cell(c, k, A)
        cb = cell(c, k, B)
    }
    print "| " label " | " ca " | " cb " | " \
        (why != "" ? "—" : ratio(value(c, k, B), value(c, k, A))) " | " \
        (cross ? ratio(value(c, k, B), value("debian", k, A)) " | " : "") floor_cell(ref, k) " |"
}

function getv(arr, k) {
    return (k in arr) ? arr[k] : 0
}

function kib(v) {
    return sprintf("%.1f KiB", v / 1024)
}

function mem_value_cell(d, m) {
    if ((d "/" m) in mem_per) return kib(mem_per[d "/" m]) " (RSS " sprintf("%.1f", mem_rss[d "/" m] / 1024) " MiB)"
    return "n/a (" mem_reason(d) ")"
}

function mem_reason(d) {
    if (d in mem_failed) return mem_failed[d]
    if (("down/" d) in meta) return short(meta["down/" d])
    if (d in mem_served) return "served " group(mem_served[d])
    return "not measured"
}

function next_cell(d,    o, ms) {
    if (!(d in mem_next)) return "n/a (" mem_reason(d) ")"
    o = mem_next[d]
    ms = mem_next_ms[d]
    if (o == "timeout") return "no answer within " sprintf("%.1f", ms / 1000) " s (" short(mem_next_detail[d]) ")"
    if (o == "refused") return "refused after " sprintf("%.1f", ms) " ms: " short(mem_next_detail[d])
    if (o == "closed") return "closed after " sprintf("%.1f", ms) " ms (" short(mem_next_detail[d]) ")"
    if (o == "served") return "served (" short(mem_next_detail[d]) ")"
    return o " (" short(mem_next_detail[d]) ")"
}

function print_memory(    i, m, d, va, vb) {
    print ""
    print "### Idle connections (raw AUTH_LIST + CONNECT_OPEN handshakes over unix, 100 at a time)"
    print ""
    print "| figure | " A " | " B " | " B "/" A " (lower is better for memory) | floor |"
    print "|---|---|---|---|---|"
    print "| daemon RSS with one connection open | " \
        (A in mem_base ? sprintf("%.1f MiB", mem_base[A] / 1024) : "n/a (" mem_reason(A) ")") " | " \
        (B in mem_base ? sprintf("%.1f MiB", mem_base[B] / 1024) : "n/a (" mem_reason(B) ")") " | " \
        ratio(getv(mem_base, B), getv(mem_base, A)) " | — |"
    for (i = 1; i <= nmarks; i++) {
        m = marks[i]
        va = ((A "/" m) in mem_per) ? mem_per[A "/" m] : 0
        vb = ((B "/" m) in mem_per) ? mem_per[B "/" m] : 0
        print "| RSS per idle connection, " group(m) " open | " mem_value_cell(A, m) " | " \
            mem_value_cell(B, m) " | " ratio(vb, va) " | — |"
    }
    print "| concurrent connections served (of " group(meta["conntarget"]) " tried) | " \
        served_cell(A) " | " served_cell(B) " | " ratio(getv(mem_served, B), getv(mem_served, A)) " | — |"
    print "| what the next connection gets | " next_cell(A) " | " next_cell(B) " | — | — |"
}

function served_cell(d) {
    if (!(d in mem_served)) return "n/a (" mem_reason(d) ")"
    return group(mem_served[d]) " (max_clients " group(meta["maxclients/" d]) ", opened in " mem_secs[d] " s)"
}

END {
    print "## vireod vs libvirtd"
    print ""
    print "- date: " meta["date"] ", commit " meta["commit"]
    print "- machine: " meta["nproc"] " cores (" meta["cpu"] "), Linux " meta["kernel"]
    print "- run: " meta["mode"]
    print "- cells: calls (or open+close cycles) per second · p50/p99 latency; median of the rounds, daemons alternated A B A B"
    print "- floor: raw read/write ping-pong with GetVersion's sizes (28-byte call, 36-byte reply), same socket type and concurrency"
    if (("down/" B) in meta) print "- **" B ": " meta["down/" B] "**"
    if (("missing/libvireo") in meta) print "- **" meta["missing/libvireo"] "**"

    print_memory()
    if ("debian" in client_seen) print_client("debian", "debian", "")
    if ("libvireo" in client_seen) print_client("libvireo", "libvireo", "")
    else if (("missing/libvireo") in meta && ("debian" in client_seen))
        print_client("libvireo", "debian", meta["missing/libvireo"])
    for (i = 1; i <= nclients; i++)
        if (clients[i] != "debian" && clients[i] != "libvireo")
            print_client(clients[i], clients[i], "")
}
