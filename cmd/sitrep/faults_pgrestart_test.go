package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// PostgreSQL crashes twice while two worker processes work its queue —
// once an immediate shutdown, once SIGKILL to every server process — and
// is started again. The workers ride it out (they retry with backoff) and
// every article is stored exactly once.
//
// The test runs a private PostgreSQL cluster on a free port: restarting the
// shared test server would break the other tests using it.
func TestFaultsPostgresRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a private PostgreSQL and ingests 2,000 articles; run without -short")
	}
	const articles = 2000
	pg := startPrivatePG(t)
	dsn := pg.url("postgres")
	bin := faultBinary(t)
	jsonl := filepath.Join(t.TempDir(), "articles.jsonl")
	writeFictionalJSONL(t, jsonl, articles)
	runBinary(t, bin, "enqueue", "--db", dsn, "--jsonl", jsonl)

	db := openPG(t, dsn)
	workers := startWorkers(t, bin, dsn, 2, "--workers", "2", "--drain")
	crashes := []struct {
		at  int // jobs done
		how string
	}{
		{articles / 4, "immediate"},
		{articles / 2, "kill"},
	}
	exited := make(chan error, len(workers))
	for _, w := range workers {
		go func() { exited <- w.cmd.Wait() }()
	}
	running := len(workers)
	for _, c := range crashes {
		for deadline := time.Now().Add(3 * time.Minute); ; {
			var done int
			err := db.QueryRow(`SELECT count(*) FROM jobs WHERE status = 'done'`).Scan(&done)
			if time.Now().After(deadline) {
				t.Fatalf("%d jobs done after 3 minutes, waiting for %d (last error %v)", done, c.at, err)
			}
			if err == nil && done >= c.at {
				t.Logf("%d jobs done: crashing PostgreSQL (%s)", done, c.how)
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		pg.crash(t, c.how)
		time.Sleep(2 * time.Second) // workers meet a refused connection
		pg.start(t)
	}
	for range running {
		if err := <-exited; err != nil {
			t.Errorf("worker exited: %v", err)
		}
	}
	logs := ""
	for _, w := range workers {
		logs += w.stderr.String()
	}
	if !strings.Contains(logs, "level=WARN msg=retrying") || !strings.Contains(logs, "msg=\"database back\"") {
		t.Errorf("workers did not log the outage and the reconnection:\n%s", tail(logs, 3000))
	}
	if t.Failed() {
		t.Fatalf("worker logs:\n%s", tail(logs, 5000))
	}

	// A claim PostgreSQL committed just before dying never reached its
	// worker; the queue's lease (ten minutes) gives such jobs back. Expire
	// the leases rather than wait, and let one worker finish them: they are
	// the "at least once" of store.Queue, and storing them again must change
	// nothing.
	orphans := queryInt(t, db, `SELECT count(*) FROM jobs WHERE status = 'running'`)
	if orphans > 0 {
		t.Logf("%d claims lost with the crash; expiring their leases", orphans)
		if _, err := db.Exec(`UPDATE jobs SET locked_at = locked_at - interval '1 day' WHERE status = 'running'`); err != nil {
			t.Fatal(err)
		}
		runBinary(t, bin, "worker", "--db", dsn, "--id", "sweeper", "--drain")
	}
	for _, c := range []struct {
		what  string
		query string
		want  int
	}{
		{"articles", `SELECT count(*) FROM articles`, articles},
		{"distinct external ids", `SELECT count(DISTINCT external_id) FROM articles`, articles},
		{"articles stored again (versions kept)", `SELECT count(*) FROM article_versions`, 0},
		{"jobs done", `SELECT count(*) FROM jobs WHERE status = 'done'`, articles},
		{"claims (sum of attempts)", `SELECT coalesce(sum(attempts), 0) FROM jobs`, articles + orphans},
		{"events without their article's events duplicated", `SELECT count(*) FROM (SELECT article_id, seq FROM events GROUP BY 1, 2 HAVING count(*) > 1) d`, 0},
	} {
		if got := queryInt(t, db, c.query); got != c.want {
			t.Errorf("%s: got %d, want %d", c.what, got, c.want)
		}
	}
}

// privatePG is a PostgreSQL cluster of the test's own, in a temporary
// directory, run as the postgres OS user when the test runs as root (the
// server refuses to run as root).
type privatePG struct {
	bin, dir string
	port     int
	asUser   string // "" to run as ourselves
}

func startPrivatePG(t *testing.T) *privatePG {
	t.Helper()
	missing := func(why string) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("cannot run a private PostgreSQL: %s (CI=true: this test must run)", why)
		}
		t.Skipf("cannot run a private PostgreSQL: %s", why)
	}
	inits, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(inits) == 0 {
		missing("no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)")
	}
	sort.Strings(inits)
	p := &privatePG{bin: filepath.Dir(inits[len(inits)-1])}
	dir, err := os.MkdirTemp("", "sitrep-pg-")
	if err != nil {
		t.Fatal(err)
	}
	p.dir = dir
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			missing("running as root and there is no postgres user to run the server as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		p.asUser = "postgres"
	}
	if out, err := p.command("initdb", "-D", p.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		missing(fmt.Sprintf("initdb: %v\n%s", err, out))
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	p.start(t)
	t.Cleanup(func() { p.command("pg_ctl", "-D", p.data(), "stop", "-m", "immediate").Run() })
	// Cleanups do not run when a test times out and panics; a watchdog
	// stops the server and removes its directory once this process is gone.
	watch := fmt.Sprintf(`while [ -d /proc/%d ]; do sleep 1; done; %s -D %s stop -m immediate; rm -rf %s`,
		os.Getpid(), filepath.Join(p.bin, "pg_ctl"), p.data(), p.dir)
	dog := p.shell(watch)
	if err := dog.Start(); err != nil {
		t.Fatal(err)
	}
	go dog.Wait()
	return p
}

func (p *privatePG) data() string { return filepath.Join(p.dir, "data") }

func (p *privatePG) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", p.port, db)
}

// command runs one of the server's programs, as the postgres user if need be.
func (p *privatePG) command(prog string, args ...string) *exec.Cmd {
	path := filepath.Join(p.bin, prog)
	if p.asUser != "" {
		return exec.Command("runuser", append([]string{"-u", p.asUser, "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

// shell runs a shell command as the server's user, detached from the test.
func (p *privatePG) shell(script string) *exec.Cmd {
	var cmd *exec.Cmd
	if p.asUser != "" {
		cmd = exec.Command("runuser", "-u", p.asUser, "--", "sh", "-c", script)
	} else {
		cmd = exec.Command("sh", "-c", script)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	return cmd
}

func (p *privatePG) start(t *testing.T) {
	t.Helper()
	logFile := filepath.Join(p.dir, "server.log")
	// fsync=off: a commit still reaches the kernel before it is
	// acknowledged, so it survives the server being killed — the fault under
	// test — but not the machine losing power, which is not; waiting for the
	// shared disk would only make the test slow.
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", p.port, p.dir)
	if out, err := p.command("pg_ctl", "-D", p.data(), "-l", logFile, "-o", opts, "-w", "-t", "60", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(logFile)
		t.Fatalf("starting PostgreSQL: %v\n%s\n%s", err, out, tail(string(log), 3000))
	}
}

// crash stops the server without a clean shutdown: "immediate" is pg_ctl's
// immediate mode (no checkpoint: the next start recovers from the WAL);
// "kill" sends SIGKILL to the postmaster and every process it started.
func (p *privatePG) crash(t *testing.T, how string) {
	t.Helper()
	switch how {
	case "immediate":
		if out, err := p.command("pg_ctl", "-D", p.data(), "stop", "-m", "immediate").CombinedOutput(); err != nil {
			t.Fatalf("pg_ctl stop: %v\n%s", err, out)
		}
	case "kill":
		b, err := os.ReadFile(filepath.Join(p.data(), "postmaster.pid"))
		if err != nil {
			t.Fatal(err)
		}
		pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
		if err != nil {
			t.Fatalf("postmaster.pid: %v", err)
		}
		pids := append(childPIDs(pid), pid)
		for _, q := range pids {
			syscall.Kill(q, syscall.SIGKILL)
		}
		// Wait until they are gone: a new postmaster refuses to start while
		// the old processes still hold the shared memory.
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			alive := 0
			for _, q := range pids {
				if syscall.Kill(q, 0) == nil && !isZombie(q) {
					alive++
				}
			}
			if alive == 0 {
				return
			}
		}
		t.Fatalf("PostgreSQL processes %v survived SIGKILL", pids)
	default:
		t.Fatalf("unknown crash %q", how)
	}
}

// childPIDs lists the processes whose parent is pid, from /proc.
func childPIDs(pid int) []int {
	var out []int
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may hold spaces, so split after ')'.
		s := string(b)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(fields) > 1 && fields[1] == strconv.Itoa(pid) {
			if q, err := strconv.Atoi(filepath.Base(filepath.Dir(f))); err == nil {
				out = append(out, q)
			}
		}
	}
	return out
}

// isZombie reports whether pid has exited and waits for its parent.
func isZombie(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(fields) > 0 && fields[0] == "Z"
}
