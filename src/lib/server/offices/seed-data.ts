import type { PassportService, PassportType } from '../../domain/passport-kinds';
import type { IndonesianTimeZone } from '../../domain/time-zones';

export interface SeedOffice {
	code: string;
	name: string;
	city: string;
	provinceCode: string;
	address: string;
	timeZone: IndonesianTimeZone;
	passportTypes: PassportType[];
	services: PassportService[];
}

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

// Larger (Kelas I) offices issue every passport and offer the express service; polycarbonate
// e-passports are printed at a few of the largest. Addresses are written to the best of our
// knowledge from the offices' public pages; check them before a production launch.
const ALL: PassportType[] = ['biasa', 'elektronik', 'elektronik_polikarbonat'];
const STANDARD: PassportType[] = ['biasa', 'elektronik'];
const BOTH_SERVICES: PassportService[] = ['reguler', 'percepatan'];
const REGULAR_ONLY: PassportService[] = ['reguler'];

/** Real immigration offices across the provinces and all three time zones. */
export const SEED_OFFICES: readonly SeedOffice[] = [
	// Sumatra and nearby islands (WIB)
	{
		code: 'BNA',
		name: 'Kantor Imigrasi Kelas I TPI Banda Aceh',
		city: 'Banda Aceh',
		provinceCode: '11',
		address: 'Jl. T. Nyak Arief No. 82, Jeulingke, Syiah Kuala, Banda Aceh',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'MDN',
		name: 'Kantor Imigrasi Kelas I Khusus TPI Medan',
		city: 'Medan',
		provinceCode: '12',
		address: 'Jl. Gatot Subroto No. 268, Sei Sikambing D, Medan Petisah, Medan',
		timeZone: WIB,
		passportTypes: ALL,
		services: BOTH_SERVICES
	},
	{
		code: 'PDG',
		name: 'Kantor Imigrasi Kelas I TPI Padang',
		city: 'Padang',
		provinceCode: '13',
		address: 'Jl. Khatib Sulaiman No. 50, Lolong Belanti, Padang Utara, Padang',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'PKU',
		name: 'Kantor Imigrasi Kelas I TPI Pekanbaru',
		city: 'Pekanbaru',
		provinceCode: '14',
		address: 'Jl. Teratai No. 87, Sukajadi, Pekanbaru',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'DJB',
		name: 'Kantor Imigrasi Kelas I TPI Jambi',
		city: 'Jambi',
		provinceCode: '15',
		address: 'Jl. Arif Rahman Hakim No. 63, Telanaipura, Jambi',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'PLM',
		name: 'Kantor Imigrasi Kelas I TPI Palembang',
		city: 'Palembang',
		provinceCode: '16',
		address: 'Jl. Perindustrian II, Kebun Bunga, Sukarami, Palembang',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'BKS',
		name: 'Kantor Imigrasi Kelas I TPI Bengkulu',
		city: 'Bengkulu',
		provinceCode: '17',
		address: 'Jl. Hibrida Raya No. 1, Sidomulyo, Gading Cempaka, Bengkulu',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'BDL',
		name: 'Kantor Imigrasi Kelas I TPI Bandar Lampung',
		city: 'Bandar Lampung',
		provinceCode: '18',
		address: 'Jl. Diponegoro No. 24, Sumur Batu, Teluk Betung Utara, Bandar Lampung',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'PGK',
		name: 'Kantor Imigrasi Kelas I TPI Pangkalpinang',
		city: 'Pangkalpinang',
		provinceCode: '19',
		address: 'Jl. Jenderal Sudirman, Selindung, Gabek, Pangkalpinang',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'BTM',
		name: 'Kantor Imigrasi Kelas I Khusus TPI Batam',
		city: 'Batam',
		provinceCode: '21',
		address: 'Jl. Engku Putri No. 3, Teluk Tering, Batam Kota, Batam',
		timeZone: WIB,
		passportTypes: ALL,
		services: BOTH_SERVICES
	},
	// Java (WIB)
	{
		code: 'JKS',
		name: 'Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan',
		city: 'Jakarta Selatan',
		provinceCode: '31',
		address: 'Jl. Warung Buncit Raya No. 207, Mampang Prapatan, Jakarta Selatan',
		timeZone: WIB,
		passportTypes: ALL,
		services: BOTH_SERVICES
	},
	{
		code: 'JKP',
		name: 'Kantor Imigrasi Kelas I Khusus Non TPI Jakarta Pusat',
		city: 'Jakarta Pusat',
		provinceCode: '31',
		address: 'Jl. Merpati Blok B-12 No. 3, Kemayoran, Jakarta Pusat',
		timeZone: WIB,
		passportTypes: ALL,
		services: BOTH_SERVICES
	},
	{
		code: 'JKB',
		name: 'Kantor Imigrasi Kelas I Khusus Non TPI Jakarta Barat',
		city: 'Jakarta Barat',
		provinceCode: '31',
		address: 'Jl. Pos Kota No. 4, Pinangsia, Taman Sari, Jakarta Barat',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'JKT',
		name: 'Kantor Imigrasi Kelas I Non TPI Jakarta Timur',
		city: 'Jakarta Timur',
		provinceCode: '31',
		address: 'Jl. Bekasi Timur Raya No. 169, Cipinang Besar Utara, Jatinegara, Jakarta Timur',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'JKU',
		name: 'Kantor Imigrasi Kelas I TPI Jakarta Utara',
		city: 'Jakarta Utara',
		provinceCode: '31',
		address: 'Jl. Boulevard Bukit Gading Raya Blok A No. 1, Kelapa Gading, Jakarta Utara',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'BDG',
		name: 'Kantor Imigrasi Kelas I TPI Bandung',
		city: 'Bandung',
		provinceCode: '32',
		address: 'Jl. Surapati No. 82, Sadang Serang, Coblong, Bandung',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'BGR',
		name: 'Kantor Imigrasi Kelas I Non TPI Bogor',
		city: 'Bogor',
		provinceCode: '32',
		address: 'Jl. Jenderal Ahmad Yani No. 65, Tanah Sareal, Bogor',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'SMG',
		name: 'Kantor Imigrasi Kelas I TPI Semarang',
		city: 'Semarang',
		provinceCode: '33',
		address: 'Jl. Siliwangi No. 514, Kembangarum, Semarang Barat, Semarang',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'YOG',
		name: 'Kantor Imigrasi Kelas I TPI Yogyakarta',
		city: 'Sleman',
		provinceCode: '34',
		address: 'Jl. Solo Km. 10, Maguwoharjo, Depok, Sleman',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'SBY',
		name: 'Kantor Imigrasi Kelas I Khusus TPI Surabaya',
		city: 'Sidoarjo',
		provinceCode: '35',
		address: 'Jl. Letjen S. Parman No. 58A, Waru, Sidoarjo',
		timeZone: WIB,
		passportTypes: ALL,
		services: BOTH_SERVICES
	},
	{
		code: 'MLG',
		name: 'Kantor Imigrasi Kelas I TPI Malang',
		city: 'Malang',
		provinceCode: '35',
		address: 'Jl. Raden Panji Suroso No. 4, Polowijen, Blimbing, Malang',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'CGK',
		name: 'Kantor Imigrasi Kelas I Khusus TPI Soekarno-Hatta',
		city: 'Tangerang',
		provinceCode: '36',
		address: 'Gedung 601, Jl. Raya Bandara Soekarno-Hatta, Benda, Tangerang',
		timeZone: WIB,
		passportTypes: ALL,
		services: BOTH_SERVICES
	},
	{
		code: 'TNG',
		name: 'Kantor Imigrasi Kelas I Non TPI Tangerang',
		city: 'Tangerang',
		provinceCode: '36',
		address: 'Jl. TMP Taruna No. 2, Sukarasa, Tangerang',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	// Kalimantan: the west is WIB, the rest WITA
	{
		code: 'PNK',
		name: 'Kantor Imigrasi Kelas I TPI Pontianak',
		city: 'Pontianak',
		provinceCode: '61',
		address: 'Jl. Letjen Sutoyo, Parit Tokaya, Pontianak Selatan, Pontianak',
		timeZone: WIB,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'BDJ',
		name: 'Kantor Imigrasi Kelas I TPI Banjarmasin',
		city: 'Banjarmasin',
		provinceCode: '63',
		address: 'Jl. Ahmad Yani Km. 3,5, Kebun Bunga, Banjarmasin Timur, Banjarmasin',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'BPN',
		name: 'Kantor Imigrasi Kelas I TPI Balikpapan',
		city: 'Balikpapan',
		provinceCode: '64',
		address: 'Jl. Jenderal Sudirman No. 23, Klandasan Ulu, Balikpapan',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'SRI',
		name: 'Kantor Imigrasi Kelas I TPI Samarinda',
		city: 'Samarinda',
		provinceCode: '64',
		address: 'Jl. Ir. H. Juanda No. 65, Air Hitam, Samarinda Ulu, Samarinda',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	// Bali and Nusa Tenggara (WITA)
	{
		code: 'DPS',
		name: 'Kantor Imigrasi Kelas I TPI Denpasar',
		city: 'Denpasar',
		provinceCode: '51',
		address: 'Jl. D.I. Panjaitan No. 3, Renon, Denpasar Selatan, Denpasar',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'NGR',
		name: 'Kantor Imigrasi Kelas I Khusus TPI Ngurah Rai',
		city: 'Badung',
		provinceCode: '51',
		address: 'Jl. Raya Taman Jimbaran No. 1, Jimbaran, Kuta Selatan, Badung',
		timeZone: WITA,
		passportTypes: ALL,
		services: BOTH_SERVICES
	},
	{
		code: 'MTR',
		name: 'Kantor Imigrasi Kelas I TPI Mataram',
		city: 'Mataram',
		provinceCode: '52',
		address: 'Jl. Udayana No. 2, Monjok, Selaparang, Mataram',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'KOE',
		name: 'Kantor Imigrasi Kelas I TPI Kupang',
		city: 'Kupang',
		provinceCode: '53',
		address: 'Jl. Eltari II, Kelapa Lima, Kupang',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	// Sulawesi (WITA)
	{
		code: 'MDC',
		name: 'Kantor Imigrasi Kelas I TPI Manado',
		city: 'Manado',
		provinceCode: '71',
		address: 'Jl. 17 Agustus, Teling Atas, Wanea, Manado',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'PLW',
		name: 'Kantor Imigrasi Kelas I TPI Palu',
		city: 'Palu',
		provinceCode: '72',
		address: 'Jl. Kartini No. 27, Lolu Selatan, Palu Selatan, Palu',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'UPG',
		name: 'Kantor Imigrasi Kelas I TPI Makassar',
		city: 'Makassar',
		provinceCode: '73',
		address: 'Jl. Perintis Kemerdekaan Km. 13, Tamalanrea, Makassar',
		timeZone: WITA,
		passportTypes: ALL,
		services: BOTH_SERVICES
	},
	{
		code: 'KDI',
		name: 'Kantor Imigrasi Kelas I TPI Kendari',
		city: 'Kendari',
		provinceCode: '74',
		address: 'Jl. Malaka, Anduonohu, Kambu, Kendari',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'GTO',
		name: 'Kantor Imigrasi Kelas I TPI Gorontalo',
		city: 'Gorontalo',
		provinceCode: '75',
		address: 'Jl. Achmad Nadjamuddin, Limba U Dua, Kota Selatan, Gorontalo',
		timeZone: WITA,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	// Maluku and Papua (WIT)
	{
		code: 'AMQ',
		name: 'Kantor Imigrasi Kelas I TPI Ambon',
		city: 'Ambon',
		provinceCode: '81',
		address: 'Jl. Laksdya Leo Wattimena, Waiheru, Baguala, Ambon',
		timeZone: WIT,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'TTE',
		name: 'Kantor Imigrasi Kelas I TPI Ternate',
		city: 'Ternate',
		provinceCode: '82',
		address: 'Jl. Ahmad Yani, Kota Ternate Tengah, Ternate',
		timeZone: WIT,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'DJJ',
		name: 'Kantor Imigrasi Kelas I TPI Jayapura',
		city: 'Jayapura',
		provinceCode: '91',
		address: 'Jl. Percetakan Negara No. 15, Gurabesi, Jayapura Utara, Jayapura',
		timeZone: WIT,
		passportTypes: STANDARD,
		services: BOTH_SERVICES
	},
	{
		code: 'MKW',
		name: 'Kantor Imigrasi Kelas II TPI Manokwari',
		city: 'Manokwari',
		provinceCode: '92',
		address: 'Jl. Trikora Wosi, Manokwari Barat, Manokwari',
		timeZone: WIT,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'MKQ',
		name: 'Kantor Imigrasi Kelas II TPI Merauke',
		city: 'Merauke',
		provinceCode: '93',
		address: 'Jl. Raya Mandala, Maro, Merauke',
		timeZone: WIT,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'TIM',
		name: 'Kantor Imigrasi Kelas II TPI Mimika',
		city: 'Timika',
		provinceCode: '94',
		address: 'Jl. Yos Sudarso, Kwamki, Mimika Baru, Timika',
		timeZone: WIT,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	},
	{
		code: 'SOQ',
		name: 'Kantor Imigrasi Kelas I TPI Sorong',
		city: 'Sorong',
		provinceCode: '96',
		address: 'Jl. Jenderal Ahmad Yani No. 1, Klaligi, Sorong Manoi, Sorong',
		timeZone: WIT,
		passportTypes: STANDARD,
		services: REGULAR_ONLY
	}
];
