-- Custom SQL migration file, put your code below! --
-- "Any free slot" no longer refuses while every free slot is locked by other transactions.
-- 0014 took the earliest free slot with SKIP LOCKED and refused (no_free_slot) when it found
-- none; but with two batches in flight, or a second worker process, the slots a batch has
-- locked can be every free one for a moment, and their seats may well remain when it commits.
-- A person who chose "any free slot" is often not watching, so a false refusal lost them the
-- turn. Now SKIP LOCKED is only the fast path; when it finds nothing, each slot that looked
-- free is waited for in turn, earliest first, and booked if it still has the seats. A wait
-- that closes a circle with another batch is broken by PostgreSQL's deadlock detection, and
-- the aborted batch is decided again (booking/decide-batch.ts).
CREATE OR REPLACE FUNCTION book_earliest_free_slot(
	p_release_id uuid,
	p_office_id uuid,
	p_type text,
	p_service text,
	p_count int,
	p_now timestamptz
)
RETURNS uuid
LANGUAGE plpgsql
AS $$
DECLARE
	v_slot uuid;
BEGIN
	UPDATE slots s SET booked = s.booked + p_count
	WHERE s.id = (
		SELECT f.id FROM slots f
		WHERE f.release_id = p_release_id AND f.office_id = p_office_id
			AND f.passport_type::text = p_type AND f.service::text = p_service
			AND f.starts_at > p_now AND f.booked + p_count <= f.capacity
		ORDER BY f.starts_at, f.id
		LIMIT 1
		FOR UPDATE SKIP LOCKED
	) AND s.booked + p_count <= s.capacity
	RETURNING s.id INTO v_slot;
	IF v_slot IS NOT NULL THEN
		RETURN v_slot;
	END IF;
	FOR v_slot IN
		SELECT f.id FROM slots f
		WHERE f.release_id = p_release_id AND f.office_id = p_office_id
			AND f.passport_type::text = p_type AND f.service::text = p_service
			AND f.starts_at > p_now AND f.booked + p_count <= f.capacity
		ORDER BY f.starts_at, f.id
	LOOP
		UPDATE slots SET booked = booked + p_count
		WHERE id = v_slot AND booked + p_count <= capacity;
		IF FOUND THEN
			RETURN v_slot;
		END IF;
	END LOOP;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- decide_booking of 0014 with its any-slot step handed to book_earliest_free_slot.
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
				v_chosen := book_earliest_free_slot(p_release_id, p_office_id, v_type, v_service, v_count, p_now);
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
