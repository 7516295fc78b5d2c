-- Custom SQL migration file, put your code below! --
-- Many booking attempts decided in one transaction and one round trip, in the order given
-- (the queue's order): each by decide_booking_attempt, exactly as alone. Rows name their
-- attempt by its place in the list (from 1), since the same attempt may come twice (a
-- redelivery) and then gets its first decision again.
-- An error aborts the whole batch. One on a unique key (another delivery of an attempt
-- committed first, or an application got a live booking through another path) is a race the
-- caller answers by deciding that batch's attempts singly; any other error is retried.
-- Every application, then every slot, of the batch's undecided attempts is locked up front
-- in id order, the order a single decision takes them in, so batches and single decisions
-- never wait on each other in a circle. Paths that end bookings take slots before
-- applications; a rare circle with them is broken by PostgreSQL's deadlock detection, and the
-- caller decides the batch again.
CREATE OR REPLACE FUNCTION decide_booking_attempts(
	p_attempts jsonb,
	p_decided_by text,
	p_now timestamptz,
	p_hold interval
)
RETURNS TABLE (
	attempt_index int,
	outcome text,
	refusal text,
	booking_id uuid,
	application_id uuid,
	expires_at timestamptz
)
LANGUAGE plpgsql
AS $$
DECLARE
	v_attempt jsonb;
	v_index int;
	v_undecided jsonb;
BEGIN
	-- Attempts decided before (redeliveries) only read their decision: they lock nothing.
	SELECT coalesce(jsonb_agg(t.a), '[]'::jsonb) INTO v_undecided
	FROM jsonb_array_elements(p_attempts) AS t(a)
	WHERE NOT EXISTS (SELECT 1 FROM booking_attempts ba WHERE ba.id = (t.a ->> 'attemptId')::uuid);
	PERFORM 1 FROM applications ap
	WHERE ap.id = ANY (ARRAY(
		SELECT (jsonb_array_elements_text(u.a -> 'applicationIds'))::uuid
		FROM jsonb_array_elements(v_undecided) AS u(a)
	))
	ORDER BY ap.id FOR UPDATE;
	PERFORM 1 FROM slots s
	WHERE s.id = ANY (ARRAY(
		SELECT (u.a ->> 'slotId')::uuid FROM jsonb_array_elements(v_undecided) AS u(a)
	))
	ORDER BY s.id FOR UPDATE;

	FOR v_attempt, v_index IN
		SELECT t.a, t.n::int FROM jsonb_array_elements(p_attempts) WITH ORDINALITY AS t(a, n)
	LOOP
		RETURN QUERY
			SELECT v_index, d.outcome, d.refusal, d.booking_id, d.application_id, d.expires_at
			FROM decide_booking_attempt(
				(v_attempt ->> 'attemptId')::uuid,
				(v_attempt ->> 'accountId')::uuid,
				(v_attempt ->> 'releaseId')::uuid,
				(v_attempt ->> 'officeId')::uuid,
				(v_attempt ->> 'slotId')::uuid,
				ARRAY(SELECT jsonb_array_elements_text(v_attempt -> 'applicationIds'))::uuid[],
				v_attempt ->> 'tokenId',
				p_decided_by,
				p_now,
				p_hold
			) AS d;
	END LOOP;
END;
$$;
