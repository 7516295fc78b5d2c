ALTER TABLE "booking_attempts" ALTER COLUMN "slot_id" DROP NOT NULL;--> statement-breakpoint
-- "Book for me when my turn comes": an attempt may name several slots in order of preference
-- and allow any other free slot of the release after them. decide_booking is the one booking
-- decision (decide_booking_attempt of 0005, generalised): the release must be open, the
-- applications (locked in id order) the account's own, submitted and of one passport type and
-- service; then the first choice that is in the release, still ahead, of that kind and has
-- seats for every application is booked, all or nothing, with the conditional UPDATE the
-- slots CHECK constraint backs. With p_any_slot, when every choice fails, the earliest free
-- slot of the release of that kind is booked; slots another transaction holds locked are
-- passed over (SKIP LOCKED) rather than waited for, so it never waits in a circle.
-- A refusal names the first choice's reason, unless a later choice was merely full (slot_full);
-- any-slot finding nothing is no_free_slot. The attempt row records the slot booked, or the
-- first choice when refused (none for an any-slot-only choice).
CREATE OR REPLACE FUNCTION decide_booking(
	p_attempt_id uuid,
	p_account_id uuid,
	p_release_id uuid,
	p_office_id uuid,
	p_slot_ids uuid[],
	p_any_slot boolean,
	p_application_ids uuid[],
	p_token_id text,
	p_decided_by text,
	p_now timestamptz,
	p_hold interval
)
RETURNS TABLE (
	outcome text,
	refusal text,
	booking_id uuid,
	application_id uuid,
	expires_at timestamptz,
	slot_id uuid
)
LANGUAGE plpgsql
AS $$
DECLARE
	v_count int := coalesce(cardinality(p_application_ids), 0);
	v_opens_at timestamptz;
	v_found int;
	v_foreign int;
	v_booked int;
	v_unready int;
	v_kinds int;
	v_type text;
	v_service text;
	v_candidate uuid;
	v_slot record;
	v_why text;
	v_chosen uuid;
	v_refusal text;
BEGIN
	IF EXISTS (SELECT 1 FROM booking_attempts a WHERE a.id = p_attempt_id) THEN
		RETURN QUERY
			SELECT a.outcome::text, a.refusal, b.id, b.application_id, b.expires_at,
				coalesce(b.slot_id, a.slot_id)
			FROM booking_attempts a LEFT JOIN bookings b ON b.attempt_id = a.id
			WHERE a.id = p_attempt_id;
		RETURN;
	END IF;

	SELECT r.opens_at INTO v_opens_at
	FROM quota_releases r WHERE r.id = p_release_id AND r.office_id = p_office_id;

	IF v_count < 1 OR v_count > 5
		OR (SELECT count(DISTINCT x) FROM unnest(p_application_ids) AS x) <> v_count THEN
		v_refusal := 'applications_invalid';
	ELSIF coalesce(cardinality(p_slot_ids), 0) = 0 AND NOT p_any_slot THEN
		v_refusal := 'slot_not_in_release';
	ELSIF v_opens_at IS NULL THEN
		v_refusal := 'slot_not_in_release';
	ELSIF v_opens_at > p_now THEN
		v_refusal := 'release_not_open';
	ELSE
		-- Locked in a fixed order, so two attempts for the same people cannot deadlock.
		PERFORM 1 FROM applications ap WHERE ap.id = ANY (p_application_ids) ORDER BY ap.id FOR UPDATE;
		SELECT count(*),
			count(*) FILTER (WHERE ap.account_id <> p_account_id),
			count(*) FILTER (WHERE ap.status IN ('booked', 'paid')),
			count(*) FILTER (WHERE ap.status <> 'submitted'),
			count(DISTINCT (coalesce(ap.form ->> 'passportType', ''), coalesce(ap.form ->> 'service', ''))),
			min(coalesce(ap.form ->> 'passportType', '')),
			min(coalesce(ap.form ->> 'service', ''))
		INTO v_found, v_foreign, v_booked, v_unready, v_kinds, v_type, v_service
		FROM applications ap WHERE ap.id = ANY (p_application_ids);
		IF v_found <> v_count OR v_foreign > 0 THEN
			v_refusal := 'booking_application_not_found';
		ELSIF v_booked > 0 THEN
			v_refusal := 'application_already_booked';
		ELSIF v_unready > 0 THEN
			v_refusal := 'application_not_submitted';
		ELSIF v_kinds <> 1 THEN
			v_refusal := 'slot_kind_mismatch';
		ELSE
			FOREACH v_candidate IN ARRAY coalesce(p_slot_ids, '{}'::uuid[]) LOOP
				SELECT s.release_id, s.office_id, s.starts_at, s.passport_type::text AS passport_type,
					s.service::text AS service
				INTO v_slot
				FROM slots s WHERE s.id = v_candidate;
				IF NOT FOUND OR v_slot.release_id <> p_release_id OR v_slot.office_id <> p_office_id THEN
					v_why := 'slot_not_in_release';
				ELSIF v_slot.starts_at <= p_now THEN
					v_why := 'slot_past';
				ELSIF v_slot.passport_type <> v_type OR v_slot.service <> v_service THEN
					v_why := 'slot_kind_mismatch';
				ELSE
					UPDATE slots SET booked = booked + v_count
					WHERE id = v_candidate AND booked + v_count <= capacity;
					IF FOUND THEN
						v_chosen := v_candidate;
						EXIT;
					END IF;
					v_why := 'slot_full';
				END IF;
				IF v_refusal IS NULL OR v_why = 'slot_full' THEN
					v_refusal := v_why;
				END IF;
			END LOOP;
			IF v_chosen IS NULL AND p_any_slot THEN
				UPDATE slots s SET booked = s.booked + v_count
				WHERE s.id = (
					SELECT f.id FROM slots f
					WHERE f.release_id = p_release_id AND f.office_id = p_office_id
						AND f.passport_type::text = v_type AND f.service::text = v_service
						AND f.starts_at > p_now AND f.booked + v_count <= f.capacity
					ORDER BY f.starts_at, f.id
					LIMIT 1
					FOR UPDATE SKIP LOCKED
				) AND s.booked + v_count <= s.capacity
				RETURNING s.id INTO v_chosen;
				IF v_chosen IS NULL THEN
					v_refusal := 'no_free_slot';
				END IF;
			END IF;
			IF v_chosen IS NOT NULL THEN
				v_refusal := NULL;
			END IF;
		END IF;
	END IF;

	INSERT INTO booking_attempts
		(id, account_id, release_id, slot_id, application_ids, token_id, outcome, refusal, decided_by, decided_at)
	VALUES (p_attempt_id, p_account_id, p_release_id, coalesce(v_chosen, p_slot_ids[1]),
		p_application_ids, p_token_id,
		CASE WHEN v_refusal IS NULL THEN 'booked' ELSE 'refused' END::booking_attempt_outcome,
		v_refusal, p_decided_by, p_now);

	IF v_refusal IS NOT NULL THEN
		RETURN QUERY SELECT 'refused'::text, v_refusal, NULL::uuid, NULL::uuid, NULL::timestamptz, NULL::uuid;
		RETURN;
	END IF;

	UPDATE applications ap SET status = 'booked', version = ap.version + 1, updated_at = p_now
	WHERE ap.id = ANY (p_application_ids);
	RETURN QUERY
		INSERT INTO bookings AS b (attempt_id, application_id, account_id, slot_id, release_id, office_id, expires_at)
		SELECT p_attempt_id, app.id, p_account_id, v_chosen, p_release_id, p_office_id, p_now + p_hold
		FROM unnest(p_application_ids) AS app(id)
		RETURNING 'booked'::text, NULL::text, b.id, b.application_id, b.expires_at, b.slot_id;
END;
$$;
--> statement-breakpoint
-- The single-slot decision of 0005, kept for worker processes of the previous release while a
-- deploy rolls (0013's decide_booking_attempts calls it): one choice, no fallback.
CREATE OR REPLACE FUNCTION decide_booking_attempt(
	p_attempt_id uuid,
	p_account_id uuid,
	p_release_id uuid,
	p_office_id uuid,
	p_slot_id uuid,
	p_application_ids uuid[],
	p_token_id text,
	p_decided_by text,
	p_now timestamptz,
	p_hold interval
)
RETURNS TABLE (outcome text, refusal text, booking_id uuid, application_id uuid, expires_at timestamptz)
LANGUAGE sql
AS $$
	SELECT d.outcome, d.refusal, d.booking_id, d.application_id, d.expires_at
	FROM decide_booking(p_attempt_id, p_account_id, p_release_id, p_office_id, ARRAY[p_slot_id],
		false, p_application_ids, p_token_id, p_decided_by, p_now, p_hold) AS d;
$$;
--> statement-breakpoint
-- Many attempts decided in one transaction and one round trip, in the order given, each by
-- decide_booking exactly as alone (0013's decide_booking_attempts with choices; the rows also
-- name the slot booked). An attempt names its choices as slotIds (in order) and anySlot, or,
-- chosen by hand, one slotId. Every application, then every chosen slot, of the undecided
-- attempts is locked up front in id order, the order a single decision takes them in; an
-- any-slot fallback never waits for a lock. See 0013 for how errors and deadlocks are handled.
CREATE OR REPLACE FUNCTION decide_bookings(
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
	expires_at timestamptz,
	slot_id uuid
)
LANGUAGE plpgsql
AS $$
DECLARE
	v_attempt jsonb;
	v_index int;
	v_undecided jsonb;
BEGIN
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
		SELECT (jsonb_array_elements_text(
			CASE WHEN u.a ? 'slotIds' THEN u.a -> 'slotIds' ELSE jsonb_build_array(u.a -> 'slotId') END
		))::uuid
		FROM jsonb_array_elements(v_undecided) AS u(a)
	))
	ORDER BY s.id FOR UPDATE;

	FOR v_attempt, v_index IN
		SELECT t.a, t.n::int FROM jsonb_array_elements(p_attempts) WITH ORDINALITY AS t(a, n)
	LOOP
		RETURN QUERY
			SELECT v_index, d.outcome, d.refusal, d.booking_id, d.application_id, d.expires_at, d.slot_id
			FROM decide_booking(
				(v_attempt ->> 'attemptId')::uuid,
				(v_attempt ->> 'accountId')::uuid,
				(v_attempt ->> 'releaseId')::uuid,
				(v_attempt ->> 'officeId')::uuid,
				ARRAY(SELECT jsonb_array_elements_text(
					CASE WHEN v_attempt ? 'slotIds' THEN v_attempt -> 'slotIds'
						ELSE jsonb_build_array(v_attempt -> 'slotId') END
				))::uuid[],
				coalesce((v_attempt ->> 'anySlot')::boolean, false),
				ARRAY(SELECT jsonb_array_elements_text(v_attempt -> 'applicationIds'))::uuid[],
				v_attempt ->> 'tokenId',
				p_decided_by,
				p_now,
				p_hold
			) AS d;
	END LOOP;
END;
$$;
