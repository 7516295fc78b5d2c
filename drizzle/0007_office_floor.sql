CREATE TYPE "public"."service_step" AS ENUM('document_check', 'photo_fingerprints', 'interview');--> statement-breakpoint
CREATE TYPE "public"."queue_ticket_status" AS ENUM('waiting', 'called', 'done', 'no_show', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."walk_in_reason" AS ENUM('elderly', 'pregnant', 'disabled', 'small_children');--> statement-breakpoint
CREATE TABLE "office_floor" (
	"office_id" uuid PRIMARY KEY NOT NULL,
	"priority_daily_quota" integer DEFAULT 30 NOT NULL,
	"board_version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "office_floor_quota_range" CHECK ("office_floor"."priority_daily_quota" between 0 and 999)
);
--> statement-breakpoint
CREATE TABLE "queue_counters" (
	"office_id" uuid NOT NULL,
	"date" date NOT NULL,
	"series" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "queue_counters_office_id_date_series_pk" PRIMARY KEY("office_id","date","series")
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"date" date NOT NULL,
	"series" text NOT NULL,
	"number" integer NOT NULL,
	"label" text NOT NULL,
	"booking_id" uuid,
	"walk_in_reason" "walk_in_reason",
	"status" "queue_ticket_status" DEFAULT 'waiting' NOT NULL,
	"counter_id" uuid,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"called_at" timestamp with time zone,
	"recalls" integer DEFAULT 0 NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_counters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"current_ticket_id" uuid,
	CONSTRAINT "service_counters_number_range" CHECK ("service_counters"."number" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "service_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"counter_id" uuid NOT NULL,
	"step" "service_step" NOT NULL,
	"staff_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "office_floor" ADD CONSTRAINT "office_floor_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_counters" ADD CONSTRAINT "service_counters_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_counters" ADD CONSTRAINT "service_counters_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_counters" ADD CONSTRAINT "service_counters_current_ticket_id_queue_tickets_id_fk" FOREIGN KEY ("current_ticket_id") REFERENCES "public"."queue_tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_steps" ADD CONSTRAINT "service_steps_ticket_id_queue_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."queue_tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_steps" ADD CONSTRAINT "service_steps_counter_id_service_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."service_counters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_steps" ADD CONSTRAINT "service_steps_staff_id_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_number_unique" ON "queue_tickets" USING btree ("office_id","date","series","number");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_booking_unique" ON "queue_tickets" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting_idx" ON "queue_tickets" USING btree ("office_id","date","series","number") WHERE "queue_tickets"."status" = 'waiting';--> statement-breakpoint
CREATE UNIQUE INDEX "service_counters_open_number_unique" ON "service_counters" USING btree ("office_id","number") WHERE "service_counters"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "service_steps_ticket_idx" ON "service_steps" USING btree ("ticket_id");