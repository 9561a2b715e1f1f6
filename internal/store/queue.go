package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// defaultMaxAttempts is how many times a job is tried before it stays failed.
const defaultMaxAttempts = 5

func (s *sqlStore) Enqueue(ctx context.Context, kind string, payload []byte) (int64, error) {
	if kind == "" {
		return 0, errors.New("store: enqueue: empty job kind")
	}
	now := s.tv(s.clock())
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_after, created_at)
		VALUES ($1, $2, 'queued', 0, $3, $4, $4) RETURNING id`,
		kind, payload, defaultMaxAttempts, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: enqueue: %w", err)
	}
	return id, nil
}

// Claim marks jobs running in one transaction. On PostgreSQL the candidate
// rows are locked with FOR UPDATE SKIP LOCKED, so concurrent claimers on any
// number of machines each take different jobs without waiting on one
// another; on SQLite the transaction holds the single write lock from its
// BEGIN, so claims simply take turns.
func (s *sqlStore) Claim(ctx context.Context, worker string, n int) ([]Job, error) {
	if worker == "" {
		return nil, errors.New("store: claim: empty worker name")
	}
	if n <= 0 {
		return nil, nil
	}
	now := s.clock()
	expired := now.Add(-s.lease)
	lock := ""
	if s.dialect == postgresDialect {
		lock = "FOR UPDATE SKIP LOCKED"
	}
	var jobs []Job
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		jobs = jobs[:0]
		// Jobs whose lease ran out go back to the queue first — except on
		// their last allowed attempt: a job that kills its worker must not
		// kill them all.
		_, err := tx.ExecContext(ctx, `UPDATE jobs SET
			status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
			finished_at = CASE WHEN attempts >= max_attempts THEN `+s.timeParam(1)+` ELSE NULL END,
			last_error = 'lease expired', run_after = $1, locked_at = NULL
			WHERE id IN (SELECT id FROM jobs WHERE status = 'running' AND locked_at < $2 `+lock+`)`,
			s.tv(now), s.tv(expired))
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `UPDATE jobs SET status = 'running', worker = $1,
			attempts = attempts + 1, locked_at = $2
			WHERE id IN (
				SELECT id FROM jobs WHERE status = 'queued' AND run_after <= $2
				ORDER BY id LIMIT $3 `+lock+`)
			RETURNING id, kind, payload, worker, attempts, max_attempts, created_at`,
			worker, s.tv(now), n)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var j Job
			if err := rows.Scan(&j.ID, &j.Kind, &j.Payload, &j.Worker, &j.Attempt, &j.MaxAttempts, timeCol{&j.EnqueuedAt}); err != nil {
				return err
			}
			jobs = append(jobs, j)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim: %w", err)
	}
	slices.SortFunc(jobs, func(a, b Job) int { return cmp.Compare(a.ID, b.ID) })
	return jobs, nil
}

func (s *sqlStore) Complete(ctx context.Context, j Job) error {
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET status = 'done', finished_at = $4, last_error = NULL
		WHERE id = $1 AND worker = $2 AND attempts = $3 AND status = 'running'`,
		j.ID, j.Worker, j.Attempt, s.tv(s.clock()))
	return claimed(res, err, "complete", j)
}

// retryDelay grows with each attempt — 30 s, 1 min, 2 min … capped at an
// hour — so a job failing for a passing reason (a site down) is not retried
// in a tight loop.
func retryDelay(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

func (s *sqlStore) Fail(ctx context.Context, j Job, cause error) error {
	msg := "failed"
	if cause != nil {
		msg = cause.Error()
	}
	now := s.clock()
	res, err := s.db.ExecContext(ctx, `UPDATE jobs SET
		status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
		finished_at = CASE WHEN attempts >= max_attempts THEN `+s.timeParam(4)+` ELSE NULL END,
		run_after = $5, locked_at = NULL, last_error = $6
		WHERE id = $1 AND worker = $2 AND attempts = $3 AND status = 'running'`,
		j.ID, j.Worker, j.Attempt, s.tv(now), s.tv(now.Add(retryDelay(j.Attempt))), msg)
	return claimed(res, err, "fail", j)
}

func claimed(res sql.Result, err error, op string, j Job) error {
	if err != nil {
		return fmt.Errorf("store: %s job %d: %w", op, j.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s job %d: %w", op, j.ID, err)
	}
	if n == 0 {
		return fmt.Errorf("store: %s job %d (attempt %d by %s): %w", op, j.ID, j.Attempt, j.Worker, ErrLostClaim)
	}
	return nil
}
