CREATE TYPE "public"."booking_attempt_outcome" AS ENUM('booked', 'refused');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('held', 'paid', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."passport_service" AS ENUM('reguler', 'percepatan');--> statement-breakpoint
CREATE TYPE "public"."passport_type" AS ENUM('biasa', 'elektronik', 'elektronik_polikarbonat');--> statement-breakpoint
CREATE TABLE "booking_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"application_ids" uuid[] NOT NULL,
	"token_id" text NOT NULL,
	"outcome" "booking_attempt_outcome" NOT NULL,
	"refusal" text,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"status" "booking_status" DEFAULT 'held' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quota_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"label" text NOT NULL,
	"first_date" date NOT NULL,
	"last_date" date NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"admission_rate" real,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quota_releases_dates_forward" CHECK ("quota_releases"."first_date" <= "quota_releases"."last_date")
);
--> statement-breakpoint
CREATE TABLE "slot_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"passport_type" "passport_type" NOT NULL,
	"service" "passport_service" NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slot_templates_office_line_unique" UNIQUE("office_id","weekday","start_time","passport_type","service"),
	CONSTRAINT "slot_templates_weekday_iso" CHECK ("slot_templates"."weekday" between 1 and 7),
	CONSTRAINT "slot_templates_capacity_positive" CHECK ("slot_templates"."capacity" > 0),
	CONSTRAINT "slot_templates_range_forward" CHECK ("slot_templates"."start_time" < "slot_templates"."end_time")
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"passport_type" "passport_type" NOT NULL,
	"service" "passport_service" NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "slots_office_line_unique" UNIQUE("office_id","date","start_time","passport_type","service"),
	CONSTRAINT "slots_booked_within_capacity" CHECK ("slots"."booked" >= 0 and "slots"."booked" <= "slots"."capacity")
);
--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "province_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "passport_types" text[] DEFAULT '{biasa,elektronik}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "services" text[] DEFAULT '{reguler}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "offices" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_attempts" ADD CONSTRAINT "booking_attempts_account_id_users_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_attempts" ADD CONSTRAINT "booking_attempts_release_id_quota_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."quota_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_attempt_id_booking_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."booking_attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_account_id_users_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_release_id_quota_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."quota_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_releases" ADD CONSTRAINT "quota_releases_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_releases" ADD CONSTRAINT "quota_releases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_templates" ADD CONSTRAINT "slot_templates_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_release_id_quota_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."quota_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_attempts_account_idx" ON "booking_attempts" USING btree ("account_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_active_per_application" ON "bookings" USING btree ("application_id") WHERE "bookings"."status" in ('held', 'paid');--> statement-breakpoint
CREATE INDEX "bookings_held_expiry_idx" ON "bookings" USING btree ("expires_at") WHERE "bookings"."status" = 'held';--> statement-breakpoint
CREATE INDEX "bookings_account_idx" ON "bookings" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "bookings_slot_idx" ON "bookings" USING btree ("slot_id");--> statement-breakpoint
CREATE INDEX "quota_releases_office_idx" ON "quota_releases" USING btree ("office_id","first_date");--> statement-breakpoint
CREATE INDEX "slots_release_idx" ON "slots" USING btree ("release_id");--> statement-breakpoint
CREATE INDEX "slots_office_date_idx" ON "slots" USING btree ("office_id","date");--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_time_zone_indonesian" CHECK ("offices"."time_zone" in ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'));