// Generated from openapi.json by scripts/generate.mjs: never edit by hand.

export interface paths {
    "/access/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify a scanned pass and check in */
        post: operations["verify_access_verify_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/local/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in on the local stack (no Cognito there) */
        post: operations["local_sign_in_auth_local_sign_in_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Free slots */
        get: operations["availability_availability_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/blackouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Blackouts */
        get: operations["list_blackouts_blackouts_get"];
        put?: never;
        /** Create a blackout */
        post: operations["create_blackout_blackouts_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/blackouts/{blackout_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a blackout */
        delete: operations["delete_blackout_blackouts__blackout_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List bookings */
        get: operations["list_bookings_bookings_get"];
        put?: never;
        /** Book a bay */
        post: operations["create_booking_bookings_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book several bays for the same time, all or nothing */
        post: operations["book_group_bookings_groups_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings/{booking_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One booking */
        get: operations["get_booking_bookings__booking_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Reschedule or change bay */
        patch: operations["modify_booking_bookings__booking_id__patch"];
        trace?: never;
    };
    "/bookings/{booking_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel */
        post: operations["cancel_booking_bookings__booking_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings/{booking_id}/cancel-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What cancelling now would refund */
        get: operations["cancel_preview_bookings__booking_id__cancel_preview_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings/{booking_id}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check in (kiosk, staff) */
        post: operations["check_in_bookings__booking_id__check_in_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings/{booking_id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Extend from the bay (from 15 minutes before the end) */
        post: operations["extend_bookings__booking_id__extend_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings/{booking_id}/pass": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Access pass (rotating QR) */
        get: operations["get_pass_bookings__booking_id__pass_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bookings/{booking_id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A booking's timeline */
        get: operations["get_timeline_bookings__booking_id__timeline_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clubos/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Act on a customer's message (ClubOS) */
        post: operations["clubos_action_clubos_actions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clubos/bookings/active": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's active booking by phone (ClubOS's door check) */
        get: operations["clubos_active_booking_clubos_bookings_active_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/clubos/context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's bookings and preferences */
        get: operations["clubos_context_clubos_context_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kiosk/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the signed-in member in to today's booking, with its pass */
        post: operations["kiosk_check_in_route_kiosk_check_in_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kiosk/floor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bays free for a walk-in right now */
        get: operations["kiosk_floor_kiosk_floor_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kiosk/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign a member in at the kiosk with their app's one-time code */
        post: operations["kiosk_sign_in_route_kiosk_sign_in_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kiosk/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a kiosk session */
        post: operations["kiosk_sign_out_route_kiosk_sign_out_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kiosk/walk-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Walk-in: the next free bay now, with its pass */
        post: operations["kiosk_walk_in_kiosk_walk_in_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Locations with their bays */
        get: operations["list_locations_locations_get"];
        put?: never;
        /** Create a location */
        post: operations["create_location_locations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/locations/{location_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One location */
        get: operations["get_location_locations__location_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a location */
        patch: operations["update_location_locations__location_id__patch"];
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My profile */
        get: operations["me_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My credit balance and history */
        get: operations["my_credits_me_credits_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/kiosk-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time code to sign in at a club's kiosk */
        post: operations["kiosk_code_me_kiosk_code_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find members */
        get: operations["list_members_members_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's profile */
        get: operations["get_member_members__user_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{user_id}/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's bookings */
        get: operations["get_member_bookings_members__user_id__bookings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{user_id}/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant or adjust credits */
        post: operations["change_credits_members__user_id__credits_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{user_id}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's credit ledger */
        get: operations["get_member_ledger_members__user_id__ledger_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Platform health */
        get: operations["get_operations_operations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/dead-letters/{consumer}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A consumer's dead letters */
        get: operations["get_dead_letters_operations_dead_letters__consumer__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operations/dead-letters/{consumer}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replay a consumer's dead letters */
        post: operations["replay_dead_letters_operations_dead_letters__consumer__replay_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Nearest free options for a member */
        get: operations["recommendations_recommendations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Business KPIs */
        get: operations["get_report_reports_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A report part as CSV */
        get: operations["get_report_csv_reports_csv_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a resource */
        post: operations["create_resource_resources_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/resources/{resource_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a bay */
        patch: operations["update_resource_resources__resource_id__patch"];
        trace?: never;
    };
    "/resources/{resource_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a bay's status */
        put: operations["set_status_resources__resource_id__status_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List rules */
        get: operations["list_rules_rules_get"];
        put?: never;
        /** Create a rule */
        post: operations["create_rule_rules_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Would this booking pass? */
        post: operations["check_rules_check_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Would this rule save? */
        post: operations["validate_rule_rules_validate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One rule */
        get: operations["get_rule_rules__rule_id__get"];
        /** Replace a rule */
        put: operations["replace_rule_rules__rule_id__put"];
        post?: never;
        /** Delete a rule */
        delete: operations["delete_rule_rules__rule_id__delete"];
        options?: never;
        head?: never;
        /** Enable or disable a rule */
        patch: operations["set_rule_active_rules__rule_id__patch"];
        trace?: never;
    };
    "/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book a league series, all or nothing (409 SERIES_CONFLICTS lists the conflicts) */
        post: operations["book_series_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/series/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Plan a league series: every occurrence, free or why not */
        post: operations["plan_series_plan_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/series/{series_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the rest of a series */
        post: operations["cancel_series__series_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find bookings */
        get: operations["search_bookings_staff_bookings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/floor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A location's day: bays and bookings */
        get: operations["get_floor_staff_floor_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My waitlist entries and the slots held for me */
        get: operations["mine_waitlist_get"];
        put?: never;
        /** Join the waitlist for a taken slot */
        post: operations["join_waitlist_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/waitlist/{entry_id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Book the slot held for me */
        post: operations["accept_waitlist__entry_id__accept_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/waitlist/{entry_id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Leave the waitlist (an offer is declined and goes to the next in line) */
        post: operations["leave_waitlist__entry_id__leave_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * AccessPassOut
         * @description A pass to show until ``expires_at``, then fetch again.
         */
        AccessPassOut: {
            /**
             * Booking Id
             * Format: uuid
             */
            booking_id: string;
            /** Door Ids */
            door_ids: string[];
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            qr: components["schemas"]["AccessPassQr"];
            /** Refresh After Seconds */
            refresh_after_seconds: number;
            /** Step */
            step: number;
            /** Token */
            token: string;
            /**
             * Valid From
             * Format: date-time
             */
            valid_from: string;
            /**
             * Valid Until
             * Format: date-time
             */
            valid_until: string;
        };
        /**
         * AccessPassQr
         * @description The token as a QR code.
         */
        AccessPassQr: {
            /** Png Base64 */
            png_base64: string;
            /** Svg */
            svg: string;
        };
        /**
         * ActiveBookingOut
         * @description ``GET /clubos/bookings/active``: the row ClubOS's door check reads.
         */
        ActiveBookingOut: {
            /**
             * Bay Id
             * @description the bay as ClubOS names it, e.g. bay-3
             */
            bay_id: string;
            /** Booking Id */
            booking_id: string;
            /**
             * Duration
             * @description minutes
             */
            duration: number;
            /**
             * End Time
             * Format: date-time
             */
            end_time: string;
            /**
             * Location
             * @description the location as ClubOS names it
             */
            location: string;
            /**
             * Start Time
             * Format: date-time
             */
            start_time: string;
            /**
             * Status
             * @description confirmed or checked_in
             */
            status: string;
            /**
             * User Phone
             * @description the member's phone as stored
             */
            user_phone: string | null;
        };
        /**
         * AvailabilityOut
         * @description ``GET /availability``.
         */
        AvailabilityOut: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Duration Minutes */
            duration_minutes: number;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            /** Slots */
            slots: components["schemas"]["SlotOut"][];
        };
        /**
         * BayUtilisation
         * @description Booked over open minutes for a bay.
         */
        BayUtilisation: {
            /** Booked Minutes */
            booked_minutes: number;
            /** Location Id */
            location_id: string;
            /** Location Name */
            location_name: string;
            /** Open Minutes */
            open_minutes: number;
            /** Resource Id */
            resource_id: string;
            /** Resource Name */
            resource_name: string;
            /** Utilisation */
            utilisation: number;
        };
        /**
         * BlackoutBody
         * @description A blackout to create.
         */
        BlackoutBody: {
            /**
             * End
             * Format: date-time
             */
            end: string;
            /** Location Id */
            location_id?: string | null;
            /**
             * Reason
             * @default
             */
            reason?: string;
            /** Resource Id */
            resource_id?: string | null;
            /**
             * Start
             * Format: date-time
             */
            start: string;
        };
        /**
         * BlackoutList
         * @description A page of blackouts, by start.
         */
        BlackoutList: {
            /** Blackouts */
            blackouts: {
                [key: string]: unknown;
            }[];
            /**
             * Next Cursor
             * @description pass as ?cursor= for the next page (same filters); null on the last page
             */
            next_cursor?: string | null;
        };
        /**
         * BlackoutOut
         * @description A blackout period.
         */
        BlackoutOut: {
            /**
             * End
             * Format: date-time
             */
            end: string;
            /** Id */
            id: string;
            /** Location Id */
            location_id?: string | null;
            /** Reason */
            reason: string;
            /** Resource Id */
            resource_id?: string | null;
            /**
             * Start
             * Format: date-time
             */
            start: string;
        };
        /**
         * BookingHitOut
         * @description A booking with its member's and bay's names.
         */
        BookingHitOut: {
            /** Cancelled At */
            cancelled_at?: string | null;
            /** Checked In At */
            checked_in_at?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Credit Cost */
            credit_cost: number;
            /**
             * End
             * Format: date-time
             */
            end: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            member: components["schemas"]["MemberRef"];
            /** Metadata */
            metadata: {
                [key: string]: unknown;
            };
            /** Party Size */
            party_size: number;
            /**
             * Resource Id
             * Format: uuid
             */
            resource_id: string;
            /** Resource Name */
            resource_name: string;
            /** Source */
            source: string;
            /**
             * Start
             * Format: date-time
             */
            start: string;
            /** Status */
            status: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * User Id
             * Format: uuid
             */
            user_id: string;
            /** Version */
            version: number;
        };
        /**
         * BookingHitPage
         * @description One page of a booking search.
         */
        BookingHitPage: {
            /** Items */
            items: components["schemas"]["BookingHitOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * BookingList
         * @description A page of bookings, by start.
         */
        BookingList: {
            /** Bookings */
            bookings: components["schemas"]["BookingOut"][];
            /**
             * Next Cursor
             * @description pass as ?cursor= for the next page (same filters); null on the last page
             */
            next_cursor?: string | null;
        };
        /**
         * BookingOut
         * @description A booking.
         */
        BookingOut: {
            /** Cancelled At */
            cancelled_at?: string | null;
            /** Checked In At */
            checked_in_at?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Credit Cost */
            credit_cost: number;
            /**
             * End
             * Format: date-time
             */
            end: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            /** Metadata */
            metadata: {
                [key: string]: unknown;
            };
            /** Party Size */
            party_size: number;
            /**
             * Resource Id
             * Format: uuid
             */
            resource_id: string;
            /** Source */
            source: string;
            /**
             * Start
             * Format: date-time
             */
            start: string;
            /** Status */
            status: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * User Id
             * Format: uuid
             */
            user_id: string;
            /** Version */
            version: number;
        };
        /**
         * BookingPage
         * @description One page of bookings.
         */
        BookingPage: {
            /** Items */
            items: components["schemas"]["BookingOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * BookingStatus
         * @description Where a booking is in its life.
         * @enum {string}
         */
        BookingStatus: "confirmed" | "checked_in" | "completed" | "cancelled" | "no_show" | "held" | "lapsed";
        /**
         * CancelBody
         * @description ``POST /bookings/{id}/cancel``.
         */
        CancelBody: {
            /**
             * Full Refund
             * @default false
             */
            full_refund?: boolean;
            /**
             * Reason
             * @default
             */
            reason?: string;
            /**
             * Refund Credits
             * @description staff: refund this many credits instead of the policy's
             */
            refund_credits?: number | null;
        };
        /**
         * CheckOut
         * @description ``POST /rules/check``: would the booking pass?
         */
        CheckOut: {
            /** Allowed */
            allowed: boolean;
            /** Balance */
            balance: number;
            /** Credit Cost */
            credit_cost: number;
            /** Reasons */
            reasons: {
                [key: string]: string;
            }[];
        };
        /**
         * ClubOSActionBody
         * @description ``POST /clubos/actions``: what the customer wrote and who they are.
         */
        ClubOSActionBody: {
            /**
             * Customer
             * @description e-mail, phone or HubSpot contact id; or an object naming any of them
             */
            customer: string | components["schemas"]["CustomerIdentity"];
            /**
             * Location
             * @description location id, slug or name (default: favourite)
             */
            location?: string | null;
            /** Message */
            message: string;
            /**
             * Thread Id
             * @description ClubOS conversation id
             */
            thread_id?: string | null;
        };
        /**
         * ClubOSActionOut
         * @description The bridge's answer: the reply to relay and what was understood and done.
         */
        ClubOSActionOut: {
            /** Booking */
            booking?: {
                [key: string]: unknown;
            } | null;
            /** Bookings */
            bookings?: {
                [key: string]: unknown;
            }[];
            /** Codes */
            codes?: string[];
            /** Customer Id */
            customer_id?: string | null;
            /** Intent */
            intent: string;
            /** Location Id */
            location_id?: string | null;
            /** Needs Clarification */
            needs_clarification: boolean;
            /** Options */
            options?: {
                [key: string]: unknown;
            }[];
            /** Reply */
            reply: string;
            /** Slots */
            slots?: {
                [key: string]: unknown;
            }[];
            /** Thread Id */
            thread_id?: string | null;
        };
        /**
         * ClubOut
         * @description A location: zone, wall-clock opening hours per weekday, settings.
         */
        ClubOut: {
            /** Address */
            address: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Opening Hours */
            opening_hours: {
                [key: string]: string[][];
            };
            /** Settings */
            settings: {
                [key: string]: unknown;
            };
            /** Slug */
            slug: string;
            /** Time Zone */
            time_zone: string;
        };
        /**
         * CreateBookingBody
         * @description ``POST /bookings``.
         */
        CreateBookingBody: {
            /**
             * End
             * Format: date-time
             * @description ISO 8601 with offset, after start
             */
            end: string;
            /** Metadata */
            metadata?: {
                [key: string]: unknown;
            };
            /**
             * Party Size
             * @default 1
             */
            party_size?: number;
            /**
             * Resource Id
             * Format: uuid
             */
            resource_id: string;
            /**
             * Source
             * @description the booking channel; by default the caller's own (member: api, staff and admin: admin, kiosk: kiosk, service: api); a role may name only its own channels
             */
            source?: ("api" | "kiosk" | "clubos" | "admin") | null;
            /**
             * Start
             * Format: date-time
             * @description ISO 8601 with offset
             */
            start: string;
            /**
             * User Id
             * @description staff, kiosk and services book for a member
             */
            user_id?: string | null;
        };
        /**
         * CreditChangeBody
         * @description Grant credits, or adjust them either way, saying why.
         */
        CreditChangeBody: {
            /** Delta */
            delta: number;
            /**
             * Kind
             * @default grant
             * @enum {string}
             */
            kind?: "grant" | "adjustment";
            /** Reason */
            reason: string;
        };
        /**
         * CreditChangeOut
         * @description The balance after a grant or adjustment.
         */
        CreditChangeOut: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Balance */
            balance: number;
            /** Delta */
            delta: number;
            /** User Id */
            user_id: string;
        };
        /**
         * CreditEntryOut
         * @description One movement of credits.
         */
        CreditEntryOut: {
            /** Balance After */
            balance_after: number;
            /** Booking Id */
            booking_id?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Delta */
            delta: number;
            /** Id */
            id: number;
            /** Note */
            note: string;
            /**
             * Reason
             * @description e.g. grant, booking, cancellation_refund, modification
             */
            reason: string;
        };
        /**
         * CreditsOut
         * @description ``GET /me/credits``: the balance and the latest movements, newest first.
         */
        CreditsOut: {
            /** Balance */
            balance: number;
            /** Entries */
            entries: components["schemas"]["CreditEntryOut"][];
        };
        /**
         * CustomerContextOut
         * @description ``GET /clubos/context``.
         */
        CustomerContextOut: {
            /** Credits */
            credits: number;
            /** Customer */
            customer: {
                [key: string]: unknown;
            };
            /** No Show Count */
            no_show_count: number;
            /** Preferences */
            preferences: {
                [key: string]: unknown;
            };
            /** Recent Bookings */
            recent_bookings: {
                [key: string]: unknown;
            }[];
            /** Stored Preferences */
            stored_preferences: {
                [key: string]: unknown;
            };
            /** Upcoming Bookings */
            upcoming_bookings: {
                [key: string]: unknown;
            }[];
        };
        /**
         * CustomerIdentity
         * @description A customer named by any of their identifiers (the first that matches wins).
         */
        CustomerIdentity: {
            /** Email */
            email?: string | null;
            /** Hubspot Id */
            hubspot_id?: string | null;
            /** Phone */
            phone?: string | null;
        };
        /**
         * DayCount
         * @description One local day.
         */
        DayCount: {
            /** Bookings */
            bookings: number;
            /** Cancelled */
            cancelled: number;
            /** Day */
            day: string;
            /** No Shows */
            no_shows: number;
        };
        /**
         * DeadLetterCount
         * @description Messages waiting in a consumer's dead-letter queue.
         */
        DeadLetterCount: {
            /** Consumer */
            consumer: string;
            /** Count */
            count: number;
        };
        /**
         * DeadLetterOut
         * @description A dead letter, as far as it can be read.
         */
        DeadLetterOut: {
            /** Body */
            body: string;
            /** Booking Id */
            booking_id?: string | null;
            /** Detail Type */
            detail_type?: string | null;
            /** Event Id */
            event_id?: string | null;
            /** Message Id */
            message_id: string;
            /** Received Count */
            received_count: number;
        };
        /**
         * DeadLettersOut
         * @description A look at a consumer's dead letters.
         */
        DeadLettersOut: {
            /** Consumer */
            consumer: string;
            /** Count */
            count: number;
            /** Messages */
            messages: components["schemas"]["DeadLetterOut"][];
        };
        /**
         * DeviceOut
         * @description A bay's device health.
         */
        DeviceOut: {
            /** Device Id */
            device_id?: string | null;
            /** Healthy */
            healthy: boolean;
            /** Id */
            id: string;
            /** Last Cleanup At */
            last_cleanup_at?: string | null;
            /** Last Unhealthy */
            last_unhealthy?: {
                [key: string]: unknown;
            } | null;
            /** Location Id */
            location_id: string;
            /** Location Name */
            location_name: string;
            /** Name */
            name: string;
            /** Status */
            status: string;
            /** Type */
            type: string;
        };
        /**
         * ErrorBody
         * @description The error object.
         */
        ErrorBody: {
            /** Code */
            code: string;
            /** Details */
            details?: unknown;
            /** Message */
            message: string;
        };
        /**
         * ErrorOut
         * @description Every error reply.
         */
        ErrorOut: {
            error: components["schemas"]["ErrorBody"];
        };
        /**
         * ExtendBody
         * @description ``POST /bookings/{id}/extend``.
         */
        ExtendBody: {
            /**
             * Minutes
             * @description added to the end; a multiple of the club's step
             */
            minutes: number;
        };
        /**
         * FailedStepOut
         * @description A lifecycle step that failed after its retries.
         */
        FailedStepOut: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Booking Id */
            booking_id?: string | null;
            /** Booking Start */
            booking_start?: string | null;
            /** Cause */
            cause: string;
            /** Error */
            error: string;
            /** Id */
            id: number;
            /** Location Id */
            location_id?: string | null;
            /** Resource Name */
            resource_name?: string | null;
            /** State */
            state: string;
            /** Version */
            version?: number | null;
        };
        /**
         * FloorBay
         * @description One bay and whether a walk-in could have it now.
         */
        FloorBay: {
            /** Free Now */
            free_now: boolean;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
        };
        /**
         * FloorBayOut
         * @description A bay on the floor: can it be booked, what its PC last reported.
         */
        FloorBayOut: {
            /** Bookable */
            bookable: boolean;
            /** Buffer Minutes */
            buffer_minutes: number;
            /** Capacity */
            capacity: number;
            /** Health */
            health?: unknown;
            /** Id */
            id: string;
            /** Location Id */
            location_id: string;
            /** Name */
            name: string;
            /** Ninjaone Device Id */
            ninjaone_device_id?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "active" | "maintenance" | "unhealthy";
            /** Type */
            type: string;
            /** Unifi Door Ids */
            unifi_door_ids: string[];
        };
        /**
         * FloorOut
         * @description The kiosk's start screen: its club and the bays free for a walk-in now.
         */
        FloorOut: {
            /** Bays */
            bays: components["schemas"]["FloorBay"][];
            /** Duration Minutes */
            duration_minutes: number;
            /** Free Count */
            free_count: number;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            /** Location Name */
            location_name: string;
            /** Time Zone */
            time_zone: string;
        };
        /**
         * FloorWaitingOut
         * @description A member waiting for a time that day, in queue order (and the hold offered, if any).
         */
        FloorWaitingOut: {
            /**
             * End
             * Format: date-time
             */
            end: string;
            /** Hold Expires At */
            hold_expires_at?: string | null;
            /** Hold Resource Id */
            hold_resource_id?: string | null;
            /** Id */
            id: string;
            member: components["schemas"]["MemberRef"];
            /** Minutes */
            minutes: number;
            /** Party Size */
            party_size: number;
            /** Resource Id */
            resource_id: string | null;
            /** Resource Type */
            resource_type: string | null;
            /**
             * Start
             * Format: date-time
             */
            start: string;
            /**
             * Status
             * @enum {string}
             */
            status: "waiting" | "offered";
        };
        /**
         * GroupBody
         * @description ``POST /bookings/groups``: the same time on several bays of one club.
         */
        GroupBody: {
            /**
             * End
             * Format: date-time
             * @description ISO 8601 with offset, after start
             */
            end: string;
            /**
             * Party Size
             * @description players per bay
             * @default 1
             */
            party_size?: number;
            /** Resource Ids */
            resource_ids: string[];
            /**
             * Start
             * Format: date-time
             * @description ISO 8601 with offset
             */
            start: string;
            /**
             * User Id
             * @description staff and services book for a member
             */
            user_id?: string | null;
        };
        /**
         * GroupOut
         * @description The group's bookings (one per bay, the same ``metadata.group_id``).
         */
        GroupOut: {
            /** Bookings */
            bookings: components["schemas"]["BookingOut"][];
            /** Group Id */
            group_id: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /**
         * HeatmapRow
         * @description Share of each local hour booked, for one bay (24 values).
         */
        HeatmapRow: {
            /** Hours */
            hours: number[];
            /** Resource Id */
            resource_id: string;
            /** Resource Name */
            resource_name: string;
        };
        /**
         * HoldOut
         * @description The slot held for the member, until ``expires_at``.
         */
        HoldOut: {
            /**
             * Booking Id
             * Format: uuid
             */
            booking_id: string;
            /**
             * End
             * Format: date-time
             */
            end: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /**
             * Resource Id
             * Format: uuid
             */
            resource_id: string;
            /**
             * Start
             * Format: date-time
             */
            start: string;
        };
        /**
         * HubSpotSyncOut
         * @description The HubSpot sync's last run and watermark.
         */
        HubSpotSyncOut: {
            /** Last Run */
            last_run?: {
                [key: string]: unknown;
            } | null;
            /** Watermark Ms */
            watermark_ms?: number | null;
        };
        /**
         * JoinWaitlistBody
         * @description ``POST /waitlist``: a window at a club, on one bay, a bay type, or any bay.
         */
        JoinWaitlistBody: {
            /**
             * End
             * Format: date-time
             * @description the window's end, ISO 8601 with offset
             */
            end: string;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            /**
             * Minutes
             * @description how long to play, somewhere in the window (default: all)
             */
            minutes?: number | null;
            /**
             * Party Size
             * @default 1
             */
            party_size?: number;
            /**
             * Resource Id
             * @description one bay (default: any bay)
             */
            resource_id?: string | null;
            /**
             * Resource Type
             * @description any bay of this type
             */
            resource_type?: string | null;
            /**
             * Start
             * Format: date-time
             * @description the window's start, ISO 8601 with offset
             */
            start: string;
            /**
             * User Id
             * @description staff put a member on the waitlist
             */
            user_id?: string | null;
        };
        /**
         * KioskBooking
         * @description One of the member's bookings still on today at this club.
         */
        KioskBooking: {
            booking: components["schemas"]["BookingOut"];
            /** Resource Name */
            resource_name: string;
        };
        /**
         * KioskCheckInBody
         * @description ``POST /kiosk/check-in``: check in to one of today's bookings (again: the pass anew).
         */
        KioskCheckInBody: {
            /**
             * Booking Id
             * Format: uuid
             */
            booking_id: string;
            /**
             * Qr
             * @default svg
             * @enum {string}
             */
            qr?: "svg" | "none";
            /** Session */
            session: string;
        };
        /**
         * KioskCheckInOut
         * @description The booking checked in to, and its pass.
         */
        KioskCheckInOut: {
            booking: components["schemas"]["BookingOut"];
            /** Location Name */
            location_name: string;
            pass?: components["schemas"]["PassOut"] | null;
            /** Reply */
            reply: string;
            /** Resource Name */
            resource_name: string;
        };
        /**
         * KioskCodeOut
         * @description A one-time kiosk sign-in code: show the QR (``token``) or the 6 digits until it expires.
         */
        KioskCodeOut: {
            /** Code */
            code: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /** Qr Svg */
            qr_svg: string;
            /** Token */
            token: string;
        };
        /**
         * KioskMember
         * @description The signed-in member as the kiosk greets them.
         */
        KioskMember: {
            /** Credits */
            credits: number;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
        };
        /**
         * LedgerPage
         * @description One page of a member's ledger, newest first.
         */
        LedgerPage: {
            /** Items */
            items: components["schemas"]["LedgerRowOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * LedgerRowOut
         * @description A credit ledger row: what moved, why, who.
         */
        LedgerRowOut: {
            /** Actor */
            actor?: string | null;
            /** Balance After */
            balance_after: number;
            /** Booking Id */
            booking_id?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Delta */
            delta: number;
            /** Id */
            id: number;
            /** Note */
            note: string;
            /** Reason */
            reason: string;
        };
        /**
         * LocationBody
         * @description A location to create.
         */
        LocationBody: {
            /**
             * Address
             * @default
             */
            address?: string;
            /** Name */
            name: string;
            /** Opening Hours */
            opening_hours: {
                [key: string]: string[][];
            };
            /** Settings */
            settings?: {
                [key: string]: unknown;
            };
            /** Slug */
            slug: string;
            /** Time Zone */
            time_zone: string;
        };
        /**
         * LocationList
         * @description ``GET /locations``: a page of locations (with their resources), by name.
         */
        LocationList: {
            /** Locations */
            locations: components["schemas"]["LocationOut"][];
            /**
             * Next Cursor
             * @description pass as ?cursor= for the next page (same filters); null on the last page
             */
            next_cursor?: string | null;
        };
        /**
         * LocationOut
         * @description A location; ``resources`` when listed with its bays.
         */
        LocationOut: {
            /** Address */
            address: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Opening Hours */
            opening_hours: {
                [key: string]: unknown;
            };
            /** Resources */
            resources?: components["schemas"]["ResourceOut"][] | null;
            /** Settings */
            settings: {
                [key: string]: unknown;
            };
            /** Slug */
            slug: string;
            /**
             * Time Zone
             * @description IANA zone, e.g. America/Toronto
             */
            time_zone: string;
        };
        /**
         * LocationPatchBody
         * @description A location's editable fields; those left out keep their value.
         */
        LocationPatchBody: {
            /** Address */
            address?: string | null;
            /** Name */
            name?: string | null;
            /** Opening Hours */
            opening_hours?: {
                [key: string]: string[][];
            } | null;
            /** Settings */
            settings?: {
                [key: string]: unknown;
            } | null;
        };
        /**
         * MeOut
         * @description ``GET /me``: the member's profile, balance and upcoming bookings.
         */
        MeOut: {
            /** Credits */
            credits: number;
            /** Email */
            email: string;
            /** Hubspot Id */
            hubspot_id?: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Phone */
            phone?: string | null;
            /** Preferences */
            preferences: {
                [key: string]: unknown;
            };
            /** Tags */
            tags: string[];
            /** Tier */
            tier: string;
            /** Upcoming Bookings */
            upcoming_bookings: components["schemas"]["BookingOut"][];
        };
        /**
         * MemberFigures
         * @description A member's bookings by outcome, at the caller's locations.
         */
        MemberFigures: {
            /** Bookings */
            bookings: number;
            /** Cancelled */
            cancelled: number;
            /** Completed */
            completed: number;
            /** No Shows */
            no_shows: number;
            /** Upcoming Or Active */
            upcoming_or_active: number;
        };
        /**
         * MemberOut
         * @description A member with their balance.
         */
        MemberOut: {
            /** Credits */
            credits: number;
            /** Email */
            email: string;
            /** Hubspot Id */
            hubspot_id?: string | null;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Phone */
            phone?: string | null;
            /** Preferences */
            preferences?: {
                [key: string]: unknown;
            };
            /** Tags */
            tags: string[];
            /** Tier */
            tier: string;
        };
        /**
         * MemberPage
         * @description One page of members.
         */
        MemberPage: {
            /** Items */
            items: components["schemas"]["MemberOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /**
         * MemberProfileOut
         * @description A member's profile with figures.
         */
        MemberProfileOut: {
            /** Credits */
            credits: number;
            /** Email */
            email: string;
            figures: components["schemas"]["MemberFigures"];
            /** Hubspot Id */
            hubspot_id?: string | null;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Phone */
            phone?: string | null;
            /** Preferences */
            preferences?: {
                [key: string]: unknown;
            };
            /** Tags */
            tags: string[];
            /** Tier */
            tier: string;
        };
        /**
         * MemberRef
         * @description Who a booking is for.
         */
        MemberRef: {
            /** Email */
            email: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            /** Phone */
            phone?: string | null;
        };
        /**
         * ModifyBookingBody
         * @description ``PATCH /bookings/{id}``: reschedule and/or change bay.
         */
        ModifyBookingBody: {
            /** End */
            end?: string | null;
            /** Expected Version */
            expected_version?: number | null;
            /** Party Size */
            party_size?: number | null;
            /**
             * Reason
             * @description staff: why the booking is moved
             * @default
             */
            reason?: string;
            /** Resource Id */
            resource_id?: string | null;
            /** Start */
            start?: string | null;
        };
        /**
         * OccurrenceOut
         * @description One week on one bay: free (``conflict`` null) or why not.
         */
        OccurrenceOut: {
            /** Conflict */
            conflict: string | null;
            /** Credit Cost */
            credit_cost: number;
            /** End */
            end: string;
            /** Key */
            key: string;
            /**
             * Resource Id
             * Format: uuid
             */
            resource_id: string;
            /** Start */
            start: string;
        };
        /**
         * OperationsOut
         * @description The operations screen (chain-wide parts are null for staff).
         */
        OperationsOut: {
            /** Dead Letters */
            dead_letters?: components["schemas"]["DeadLetterCount"][] | null;
            /** Devices */
            devices: components["schemas"]["DeviceOut"][];
            /** Failed Lifecycle */
            failed_lifecycle: components["schemas"]["FailedStepOut"][];
            hubspot_sync?: components["schemas"]["HubSpotSyncOut"] | null;
            /**
             * Now
             * Format: date-time
             */
            now: string;
            outbox?: components["schemas"]["OutboxOut"] | null;
        };
        /**
         * OutboxOut
         * @description The outbox's backlog.
         */
        OutboxOut: {
            /** Failing */
            failing: number;
            /** Last Error */
            last_error?: string | null;
            /** Last Published At */
            last_published_at?: string | null;
            /** Oldest Pending Seconds */
            oldest_pending_seconds: number;
            /** Pending */
            pending: number;
        };
        /**
         * PassOut
         * @description The rotating access pass: show ``token`` (or ``qr_svg``) until ``expires_at``.
         */
        PassOut: {
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /** Qr Svg */
            qr_svg?: string | null;
            /** Step */
            step: number;
            /** Token */
            token: string;
            /**
             * Valid Until
             * Format: date-time
             */
            valid_until: string;
        };
        /**
         * RecommendationsOut
         * @description ``GET /recommendations``.
         */
        RecommendationsOut: {
            /** Customer Id */
            customer_id: string;
            /** Options */
            options: {
                [key: string]: unknown;
            }[];
            /** Preferences */
            preferences: {
                [key: string]: unknown;
            };
            /** Wanted */
            wanted: {
                [key: string]: unknown;
            };
        };
        /**
         * RefundPreviewOut
         * @description ``GET /bookings/{id}/cancel-preview``: what cancelling now would refund.
         */
        RefundPreviewOut: {
            /**
             * Booking Id
             * Format: uuid
             */
            booking_id: string;
            /** Credit Cost */
            credit_cost: number;
            /** Hours Before Start */
            hours_before_start: number;
            /**
             * Policy
             * @description steps: hours_before, refund_percent
             */
            policy: {
                [key: string]: number;
            }[];
            /** Refund Credits */
            refund_credits: number;
            /** Refund Percent */
            refund_percent: number;
        };
        /**
         * ReplayOut
         * @description What a replay put back on the bus.
         */
        ReplayOut: {
            /** Consumer */
            consumer: string;
            /** Left */
            left: number;
            /** Replayed */
            replayed: number;
        };
        /**
         * ReportOut
         * @description The KPIs of a range.
         */
        ReportOut: {
            /** By Source */
            by_source: components["schemas"]["SourceCount"][];
            /** First Day */
            first_day: string;
            /** Heatmap */
            heatmap: components["schemas"]["HeatmapRow"][];
            /** Last Day */
            last_day: string;
            /** Location Id */
            location_id?: string | null;
            /** Per Day */
            per_day: components["schemas"]["DayCount"][];
            summary: components["schemas"]["ReportSummary"];
            /** Utilisation */
            utilisation: components["schemas"]["BayUtilisation"][];
        };
        /**
         * ReportSummary
         * @description Counts and rates over the range.
         */
        ReportSummary: {
            /** Bookings */
            bookings: number;
            /** Came Due */
            came_due: number;
            /** Cancellation Rate */
            cancellation_rate: number;
            /** Cancellations */
            cancellations: number;
            /** Late Cancellations */
            late_cancellations: number;
            /** No Show Rate */
            no_show_rate: number;
            /** No Shows */
            no_shows: number;
            /** Self Service */
            self_service: number;
            /** Self Service Rate */
            self_service_rate: number;
        };
        /**
         * ResourceBody
         * @description A resource to create.
         */
        ResourceBody: {
            /**
             * Buffer Minutes
             * @default 0
             */
            buffer_minutes?: number;
            /**
             * Capacity
             * @default 4
             */
            capacity?: number;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            /** Name */
            name: string;
            /** Ninjaone Device Id */
            ninjaone_device_id?: string | null;
            /**
             * Type
             * @default simulator
             */
            type?: string;
            /** Unifi Door Ids */
            unifi_door_ids?: string[];
        };
        /**
         * ResourceOut
         * @description A bay (or other resource).
         */
        ResourceOut: {
            /** Buffer Minutes */
            buffer_minutes: number;
            /** Capacity */
            capacity: number;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            /** Name */
            name: string;
            /** Ninjaone Device Id */
            ninjaone_device_id?: string | null;
            /** Status */
            status: string;
            /** Type */
            type: string;
            /** Unifi Door Ids */
            unifi_door_ids: string[];
        };
        /**
         * ResourcePatchBody
         * @description A bay's editable fields; those left out keep their value.
         */
        ResourcePatchBody: {
            /** Buffer Minutes */
            buffer_minutes?: number | null;
            /** Capacity */
            capacity?: number | null;
            /** Name */
            name?: string | null;
            /** Status */
            status?: ("active" | "maintenance" | "unhealthy") | null;
            /** Type */
            type?: string | null;
        };
        /**
         * ResourceStatusBody
         * @description Change a resource's status.
         */
        ResourceStatusBody: {
            /**
             * Status
             * @enum {string}
             */
            status: "active" | "maintenance" | "unhealthy";
        };
        /** ResponseValidationError */
        ResponseValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /**
         * RuleActiveBody
         * @description Enable or disable a rule.
         */
        RuleActiveBody: {
            /** Active */
            active: boolean;
        };
        /**
         * RuleBody
         * @description A rule to create or replace.
         */
        RuleBody: {
            /** Action */
            action: {
                [key: string]: unknown;
            };
            /**
             * Active
             * @default true
             */
            active?: boolean;
            /**
             * Condition
             * @default true
             */
            condition?: string;
            /**
             * Description
             * @default
             */
            description?: string;
            /** Name */
            name: string;
            /**
             * Priority
             * @default 100
             */
            priority?: number;
            /**
             * Scope
             * @default all
             * @enum {string}
             */
            scope?: "all" | "location" | "resource_type" | "resource";
            /** Scope Ref */
            scope_ref?: string | null;
        };
        /**
         * RuleList
         * @description A page of rules, by priority (highest first) then name.
         */
        RuleList: {
            /**
             * Next Cursor
             * @description pass as ?cursor= for the next page (same filters); null on the last page
             */
            next_cursor?: string | null;
            /** Rules */
            rules: components["schemas"]["RuleOut"][];
        };
        /**
         * RuleOut
         * @description A rule.
         */
        RuleOut: {
            /** Action */
            action: {
                [key: string]: unknown;
            };
            /** Active */
            active: boolean;
            /** Condition */
            condition: string;
            /** Description */
            description: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Priority */
            priority: number;
            /** Scope */
            scope: string;
            /** Scope Ref */
            scope_ref: string | null;
        };
        /**
         * RuleProblem
         * @description A problem of a rule, tied to its field.
         */
        RuleProblem: {
            /** Code */
            code: string;
            /** Field */
            field: string;
            /** Message */
            message: string;
        };
        /**
         * RuleValidationOut
         * @description Whether a rule would save, and every problem if not.
         */
        RuleValidationOut: {
            /** Problems */
            problems: components["schemas"]["RuleProblem"][];
            /** Valid */
            valid: boolean;
        };
        /**
         * SeriesBody
         * @description A weekly series: the same bays at the same local time for ``weeks`` weeks.
         */
        SeriesBody: {
            /** Duration Minutes */
            duration_minutes: number;
            /**
             * First Day
             * Format: date
             */
            first_day: string;
            /** Resource Ids */
            resource_ids: string[];
            /**
             * Skip
             * @description occurrence keys (from the plan) confirmed to leave out
             */
            skip?: string[];
            /**
             * Start Time
             * @description local HH:MM
             */
            start_time: string;
            /**
             * User Id
             * Format: uuid
             * @description the member (league organiser) the occurrences are for
             */
            user_id: string;
            /** Weeks */
            weeks: number;
        };
        /**
         * SeriesCancelBody
         * @description Cancel the series' upcoming occurrences, from ``from_day`` on (all when absent).
         */
        SeriesCancelBody: {
            /** From Day */
            from_day?: string | null;
        };
        /**
         * SeriesOut
         * @description A booked series: its id and its occurrences (ordinary bookings).
         */
        SeriesOut: {
            /** Bookings */
            bookings: components["schemas"]["BookingOut"][];
            /** Series Id */
            series_id: string;
        };
        /**
         * SeriesPlanOut
         * @description The conflict report of a series (nothing booked).
         */
        SeriesPlanOut: {
            /** Conflicts */
            conflicts: number;
            /** Occurrences */
            occurrences: components["schemas"]["OccurrenceOut"][];
        };
        /**
         * SessionBody
         * @description ``POST /kiosk/sign-out``: end a kiosk session.
         */
        SessionBody: {
            /** Session */
            session: string;
        };
        /**
         * SessionOut
         * @description A signed-in session.
         */
        SessionOut: {
            /** Email */
            email: string;
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /** Id Token */
            id_token: string;
            /** Role */
            role: string;
            /**
             * Token Type
             * @default Bearer
             */
            token_type?: string;
        };
        /**
         * SignInOut
         * @description A kiosk session for the member, and what they can do with it.
         */
        SignInOut: {
            /** Bookings */
            bookings: components["schemas"]["KioskBooking"][];
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            /** Location Name */
            location_name: string;
            member: components["schemas"]["KioskMember"];
            /** Session */
            session: string;
        };
        /**
         * SignedOutOut
         * @description The kiosk session is over.
         */
        SignedOutOut: {
            /** Signed Out */
            signed_out: boolean;
        };
        /**
         * SlotOut
         * @description A free slot.
         */
        SlotOut: {
            /**
             * End
             * Format: date-time
             */
            end: string;
            /**
             * Resource Id
             * Format: uuid
             */
            resource_id: string;
            /** Resource Name */
            resource_name?: string | null;
            /**
             * Start
             * Format: date-time
             */
            start: string;
        };
        /**
         * SourceCount
         * @description Bookings from one source.
         */
        SourceCount: {
            /** Bookings */
            bookings: number;
            /** Source */
            source: string;
        };
        /**
         * StaffFloorOut
         * @description A location's local day: bays, every booking on them, and who waits for a time.
         */
        StaffFloorOut: {
            /** Bays */
            bays: components["schemas"]["FloorBayOut"][];
            /** Blackouts */
            blackouts: components["schemas"]["BlackoutOut"][];
            /** Bookings */
            bookings: components["schemas"]["BookingHitOut"][];
            /** Date */
            date: string;
            /**
             * End
             * Format: date-time
             */
            end: string;
            location: components["schemas"]["ClubOut"];
            /**
             * Now
             * Format: date-time
             */
            now: string;
            /**
             * Start
             * Format: date-time
             */
            start: string;
            /**
             * Waitlist
             * @default []
             */
            waitlist?: components["schemas"]["FloorWaitingOut"][];
        };
        /**
         * TimelineEntryOut
         * @description One thing that happened to a booking.
         */
        TimelineEntryOut: {
            /** Actor */
            actor?: string | null;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /** Kind */
            kind: string;
            /** Label */
            label: string;
            /**
             * Source
             * @enum {string}
             */
            source: "event" | "lifecycle" | "staff";
        };
        /**
         * TimelineOut
         * @description A booking's life as recorded.
         */
        TimelineOut: {
            booking: components["schemas"]["BookingHitOut"];
            /** Entries */
            entries: components["schemas"]["TimelineEntryOut"][];
        };
        /** ValidationError */
        ValidationError: {
            /** Location */
            loc: (string | number)[];
            /** Error Type */
            type: string;
        };
        /**
         * VerifyBody
         * @description ``POST /access/verify``: what the door reader scanned, and where.
         */
        VerifyBody: {
            /**
             * Booking Id
             * @description the booking the kiosk expects, if known
             */
            booking_id?: string | null;
            /** Door Id */
            door_id: string;
            /** Token */
            token: string;
        };
        /**
         * VerifyOut
         * @description Access granted: the door may open; the booking is checked in.
         */
        VerifyOut: {
            /**
             * Access
             * @constant
             */
            access: "granted";
            booking: components["schemas"]["BookingOut"];
            /** Door Id */
            door_id: string;
        };
        /**
         * WaitlistEntryOut
         * @description One place in a club's queue.
         */
        WaitlistEntryOut: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * End
             * Format: date-time
             */
            end: string;
            hold?: components["schemas"]["HoldOut"] | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Location Id
             * Format: uuid
             */
            location_id: string;
            /** Minutes */
            minutes: number;
            /** Party Size */
            party_size: number;
            /** Resource Id */
            resource_id: string | null;
            /** Resource Type */
            resource_type: string | null;
            /**
             * Start
             * Format: date-time
             */
            start: string;
            /**
             * Status
             * @enum {string}
             */
            status: "waiting" | "offered" | "booked" | "left" | "lapsed";
        };
        /**
         * WaitlistOut
         * @description The member's entries, soonest window first.
         */
        WaitlistOut: {
            /** Items */
            items: components["schemas"]["WaitlistEntryOut"][];
        };
        /**
         * WalkInBody
         * @description ``POST /kiosk/walk-in``: who is at the door and for how long.
         *
         *     A kiosk sends the ``session`` of the signed-in member; only an admin may name a member by
         *     ``customer`` (e-mail, phone or HubSpot id) or ``user_id``.
         */
        WalkInBody: {
            /**
             * Customer
             * @description admins only: e-mail, phone or HubSpot id
             */
            customer?: string | null;
            /**
             * Duration Minutes
             * @default 60
             */
            duration_minutes?: number;
            /**
             * Location Id
             * @description required unless the kiosk's token names exactly one location
             */
            location_id?: string | null;
            /**
             * Party Size
             * @default 1
             */
            party_size?: number;
            /**
             * Qr
             * @description include the pass as an SVG QR code
             * @default svg
             * @enum {string}
             */
            qr?: "svg" | "none";
            /**
             * Resource Type
             * @default simulator
             */
            resource_type?: string;
            /**
             * Session
             * @description from POST /kiosk/sign-in
             */
            session?: string | null;
            /**
             * User Id
             * @description admins only
             */
            user_id?: string | null;
        };
        /**
         * WalkInOut
         * @description The walk-in booking and its pass (null when the bay has no door configured).
         */
        WalkInOut: {
            booking: components["schemas"]["BookingOut"];
            /** Location Name */
            location_name: string;
            pass?: components["schemas"]["PassOut"] | null;
            /** Reply */
            reply: string;
            /** Resource Name */
            resource_name: string;
        };
        /**
         * SignInBody
         * @description ``POST /kiosk/sign-in``: the scanned QR token, or the 6 digits with an e-mail or phone.
         */
        booking__api__kiosk__SignInBody: {
            /**
             * Code
             * @description the 6 digits the app shows
             */
            code?: string | null;
            /**
             * Customer
             * @description e-mail or phone, with code
             */
            customer?: string | null;
            /**
             * Location Id
             * @description required unless the kiosk's token names exactly one location
             */
            location_id?: string | null;
            /**
             * Token
             * @description scanned QR token
             */
            token?: string | null;
        };
        /**
         * SignInBody
         * @description ``POST /auth/local/sign-in``.
         */
        booking__api__local_sign_in__SignInBody: {
            /** Email */
            email: string;
            /** Password */
            password: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    verify_access_verify_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    local_sign_in_auth_local_sign_in_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["booking__api__local_sign_in__SignInBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    availability_availability_get: {
        parameters: {
            query: {
                location_id: string;
                /** @description local day, YYYY-MM-DD */
                date: string;
                duration_minutes?: number;
                /** @description how many days from date */
                days?: number;
                resource_type?: string | null;
                resource_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AvailabilityOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    list_blackouts_blackouts_get: {
        parameters: {
            query?: {
                location_id?: string | null;
                /** @description page size: 50 by default, at most 200 */
                limit?: number;
                /** @description the previous page's next_cursor (opaque); omit for the first page */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlackoutList"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    create_blackout_blackouts_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BlackoutBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    delete_blackout_blackouts__blackout_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                blackout_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": null;
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    list_bookings_bookings_get: {
        parameters: {
            query?: {
                /** @description staff: a location's day */
                location_id?: string | null;
                /** @description local day, YYYY-MM-DD */
                date?: string | null;
                /** @description staff: one member */
                user_id?: string | null;
                include_past?: boolean;
                /** @description page size: 50 by default, at most 200 */
                limit?: number;
                /** @description the previous page's next_cursor (opaque); omit for the first page */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingList"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    create_booking_bookings_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retrying a POST with the same key returns the first result */
                "idempotency-key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBookingBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    book_group_bookings_groups_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupBody"];
            };
        };
        responses: {
            /** @description Booked */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_booking_bookings__booking_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    modify_booking_bookings__booking_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModifyBookingBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    cancel_booking_bookings__booking_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CancelBody"] | null;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    cancel_preview_bookings__booking_id__cancel_preview_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefundPreviewOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    check_in_bookings__booking_id__check_in_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    extend_bookings__booking_id__extend_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_pass_bookings__booking_id__pass_get: {
        parameters: {
            query?: {
                /** @description svg or png for the image alone */
                format?: ("json" | "svg" | "png") | null;
            };
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pass (JSON), or the QR image alone with ?format=svg|png */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessPassOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_timeline_bookings__booking_id__timeline_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                booking_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    clubos_action_clubos_actions_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClubOSActionBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClubOSActionOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    clubos_active_booking_clubos_bookings_active_get: {
        parameters: {
            query: {
                /** @description the caller's phone */
                phone: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActiveBookingOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    clubos_context_clubos_context_get: {
        parameters: {
            query: {
                /** @description e-mail, phone or HubSpot id */
                customer: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerContextOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    kiosk_check_in_route_kiosk_check_in_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KioskCheckInBody"];
            };
        };
        responses: {
            /** @description Checked in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KioskCheckInOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    kiosk_floor_kiosk_floor_get: {
        parameters: {
            query?: {
                location_id?: string | null;
                duration_minutes?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The floor */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FloorOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    kiosk_sign_in_route_kiosk_sign_in_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["booking__api__kiosk__SignInBody"];
            };
        };
        responses: {
            /** @description Signed in */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    kiosk_sign_out_route_kiosk_sign_out_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionBody"];
            };
        };
        responses: {
            /** @description Signed out */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedOutOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    kiosk_walk_in_kiosk_walk_in_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WalkInBody"];
            };
        };
        responses: {
            /** @description Booked */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalkInOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    list_locations_locations_get: {
        parameters: {
            query?: {
                /** @description page size: 50 by default, at most 200 */
                limit?: number;
                /** @description the previous page's next_cursor (opaque); omit for the first page */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LocationList"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    create_location_locations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LocationBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_location_locations__location_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                location_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LocationOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    update_location_locations__location_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                location_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LocationPatchBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    me_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    my_credits_me_credits_get: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditsOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    kiosk_code_me_kiosk_code_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Issued */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KioskCodeOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    list_members_members_get: {
        parameters: {
            query?: {
                /** @description name, e-mail or phone */
                q?: string | null;
                cursor?: string | null;
                limit?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberPage"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_member_members__user_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberProfileOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_member_bookings_members__user_id__bookings_get: {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number | null;
            };
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingPage"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    change_credits_members__user_id__credits_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreditChangeBody"];
            };
        };
        responses: {
            /** @description Recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditChangeOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_member_ledger_members__user_id__ledger_get: {
        parameters: {
            query?: {
                cursor?: string | null;
                limit?: number | null;
            };
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerPage"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_operations_operations_get: {
        parameters: {
            query?: {
                location_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperationsOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_dead_letters_operations_dead_letters__consumer__get: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                consumer: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLettersOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    replay_dead_letters_operations_dead_letters__consumer__replay_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                consumer: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplayOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    recommendations_recommendations_get: {
        parameters: {
            query?: {
                /** @description services and staff: whose options */
                customer?: string | null;
                location_id?: string | null;
                /** @description wanted start, ISO 8601 with offset */
                start?: string | null;
                duration_minutes?: number | null;
                resource_id?: string | null;
                resource_type?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecommendationsOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_report_reports_get: {
        parameters: {
            query: {
                /** @description first local day, YYYY-MM-DD */
                from: string;
                /** @description last local day (included) */
                to: string;
                location_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_report_csv_reports_csv_get: {
        parameters: {
            query: {
                /** @description first local day, YYYY-MM-DD */
                from: string;
                /** @description last local day (included) */
                to: string;
                part?: "summary" | "by_source" | "per_day" | "utilisation" | "heatmap";
                location_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": unknown;
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    create_resource_resources_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    update_resource_resources__resource_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resource_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourcePatchBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    set_status_resources__resource_id__status_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resource_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResourceStatusBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    list_rules_rules_get: {
        parameters: {
            query?: {
                /** @description page size: 50 by default, at most 200 */
                limit?: number;
                /** @description the previous page's next_cursor (opaque); omit for the first page */
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleList"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    create_rule_rules_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    check_rules_check_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBookingBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    validate_rule_rules_validate_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleValidationOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_rule_rules__rule_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    replace_rule_rules__rule_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    delete_rule_rules__rule_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": null;
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    set_rule_active_rules__rule_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleActiveBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    book_series_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeriesBody"];
            };
        };
        responses: {
            /** @description Booked */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    plan_series_plan_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeriesBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesPlanOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    cancel_series__series_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                series_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeriesCancelBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    search_bookings_staff_bookings_get: {
        parameters: {
            query?: {
                /** @description member name, e-mail or phone */
                q?: string | null;
                location_id?: string | null;
                from?: string | null;
                to?: string | null;
                status?: components["schemas"]["BookingStatus"] | null;
                cursor?: string | null;
                limit?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingHitPage"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    get_floor_staff_floor_get: {
        parameters: {
            query: {
                location_id: string;
                /** @description local day, YYYY-MM-DD */
                date?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffFloorOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    mine_waitlist_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    join_waitlist_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JoinWaitlistBody"];
            };
        };
        responses: {
            /** @description Waiting */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntryOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    accept_waitlist__entry_id__accept_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Booked */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BookingOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
    leave_waitlist__entry_id__leave_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitlistEntryOut"];
                };
            };
            /** @description Malformed request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Unknown id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
            /** @description Invalid values or refused by the rules */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorOut"];
                };
            };
        };
    };
}
