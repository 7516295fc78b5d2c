import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { kioskOffice } from '$lib/server/office-floor/kiosk-office';

/** The hall board is public: it shows numbers only. The live state comes over its event feed. */
export const load: PageServerLoad = async ({ params }) => {
	const office = await kioskOffice(await db(), params.officeCode.toUpperCase());
	if (!office) error(404, 'not found');
	return { office: { code: office.code, name: office.name, timeZone: office.timeZone } };
};
