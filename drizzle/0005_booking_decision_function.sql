-- Custom SQL migration file, put your code below! --
-- The booking decision as one server-side function, so a booking worker decides an attempt in
-- one round trip: the rules run next to the rows, and the slot's row lock is held for as short
-- a time as possible. Called by src/lib/server/booking/decide.ts, which documents the contract.
-- All of the attempt's applications get a seat in the slot, or none does. The seats are taken
-- with a conditional UPDATE (booked + n <= capacity), backed by the slots CHECK constraint.
-- The attempt row is inserted under the attempt's id in the same transaction; a second delivery
-- of the same attempt that slips past the first check fails on that key and rolls back.
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
LANGUAGE plpgsql
AS $$
DECLARE
	v_count int := coalesce(cardinality(p_application_ids), 0);
	v_slot record;
	v_found int;
	v_foreign int;
	v_booked int;
	v_unready int;
	v_mismatch int;
	v_refusal text;
BEGIN
	IF EXISTS (SELECT 1 FROM booking_attempts a WHERE a.id = p_attempt_id) THEN
		RETURN QUERY
			SELECT a.outcome::text, a.refusal, b.id, b.application_id, b.expires_at
			FROM booking_attempts a LEFT JOIN bookings b ON b.attempt_id = a.id
			WHERE a.id = p_attempt_id;
		RETURN;
	END IF;

	IF v_count < 1 OR v_count > 5
		OR (SELECT count(DISTINCT x) FROM unnest(p_application_ids) AS x) <> v_count THEN
		v_refusal := 'applications_invalid';
	ELSE
		SELECT s.release_id, s.office_id, s.starts_at, s.passport_type::text AS passport_type,
			s.service::text AS service, r.opens_at
		INTO v_slot
		FROM slots s JOIN quota_releases r ON r.id = s.release_id
		WHERE s.id = p_slot_id;
		IF NOT FOUND OR v_slot.release_id <> p_release_id OR v_slot.office_id <> p_office_id THEN
			v_refusal := 'slot_not_in_release';
		ELSIF v_slot.opens_at > p_now THEN
			v_refusal := 'release_not_open';
		ELSIF v_slot.starts_at <= p_now THEN
			v_refusal := 'slot_past';
		ELSE
			-- Locked in a fixed order, so two attempts for the same people cannot deadlock.
			PERFORM 1 FROM applications ap WHERE ap.id = ANY (p_application_ids) ORDER BY ap.id FOR UPDATE;
			SELECT count(*),
				count(*) FILTER (WHERE ap.account_id <> p_account_id),
				count(*) FILTER (WHERE ap.status IN ('booked', 'paid')),
				count(*) FILTER (WHERE ap.status <> 'submitted'),
				count(*) FILTER (WHERE coalesce(ap.form ->> 'passportType', '') <> v_slot.passport_type
					OR coalesce(ap.form ->> 'service', '') <> v_slot.service)
			INTO v_found, v_foreign, v_booked, v_unready, v_mismatch
			FROM applications ap WHERE ap.id = ANY (p_application_ids);
			IF v_found <> v_count OR v_foreign > 0 THEN
				v_refusal := 'booking_application_not_found';
			ELSIF v_booked > 0 THEN
				v_refusal := 'application_already_booked';
			ELSIF v_unready > 0 THEN
				v_refusal := 'application_not_submitted';
			ELSIF v_mismatch > 0 THEN
				v_refusal := 'slot_kind_mismatch';
			ELSE
				UPDATE slots SET booked = booked + v_count
				WHERE id = p_slot_id AND booked + v_count <= capacity;
				IF NOT FOUND THEN
					v_refusal := 'slot_full';
				END IF;
			END IF;
		END IF;
	END IF;

	INSERT INTO booking_attempts
		(id, account_id, release_id, slot_id, application_ids, token_id, outcome, refusal, decided_by, decided_at)
	VALUES (p_attempt_id, p_account_id, p_release_id, p_slot_id, p_application_ids, p_token_id,
		CASE WHEN v_refusal IS NULL THEN 'booked' ELSE 'refused' END::booking_attempt_outcome,
		v_refusal, p_decided_by, p_now);

	IF v_refusal IS NOT NULL THEN
		RETURN QUERY SELECT 'refused'::text, v_refusal, NULL::uuid, NULL::uuid, NULL::timestamptz;
		RETURN;
	END IF;

	UPDATE applications ap SET status = 'booked', version = ap.version + 1, updated_at = p_now
	WHERE ap.id = ANY (p_application_ids);
	RETURN QUERY
		INSERT INTO bookings AS b (attempt_id, application_id, account_id, slot_id, release_id, office_id, expires_at)
		SELECT p_attempt_id, app.id, p_account_id, p_slot_id, p_release_id, p_office_id, p_now + p_hold
		FROM unnest(p_application_ids) AS app(id)
		RETURNING 'booked'::text, NULL::text, b.id, b.application_id, b.expires_at;
END;
$$;
