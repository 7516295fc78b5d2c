import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { PassportType } from '../../domain/passport-kinds';
import { zoneLabel } from '../../domain/office-time';

/** Everything a Surat Pengantar states. */
export interface LetterFacts {
	applicantName: string;
	nik: string;
	applicationNumber: string;
	passportType: PassportType;
	service: 'reguler' | 'percepatan';
	officeName: string;
	officeAddress: string;
	timeZone: string;
	/** Office-local. */
	date: string;
	startTime: string;
	endTime: string;
	receiptToken: string;
	issuedAt: Date;
}

const PASSPORT_NAMES: Record<PassportType, string> = {
	biasa: 'Paspor biasa (non-elektronik)',
	elektronik: 'Paspor elektronik',
	elektronik_polikarbonat: 'Paspor elektronik polikarbonat'
};

/** Only the last four digits: the letter is printed and carried around. */
export function maskNik(nik: string): string {
	return `${'•'.repeat(Math.max(0, nik.length - 4))}${nik.slice(-4)}`;
}

/** "Sabtu, 28 November 2026" for an office-local calendar date. */
function indonesianDate(date: string): string {
	return new Intl.DateTimeFormat('id-ID', {
		timeZone: 'UTC',
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(new Date(`${date}T12:00:00Z`));
}

/** The appointment as the letter states it, in the office's zone. */
export function appointmentText(
	facts: Pick<LetterFacts, 'date' | 'startTime' | 'endTime' | 'timeZone'>
) {
	const clock = (time: string) => time.replace(':', '.');
	return `${indonesianDate(facts.date)}, pukul ${clock(facts.startTime)}–${clock(facts.endTime)} ${zoneLabel(facts.timeZone)}`;
}

export const LETTER_TERMS = [
	'Bawa dokumen asli dari setiap dokumen yang Anda unggah: e-KTP, Kartu Keluarga, akta kelahiran atau ijazah atau surat nikah, serta paspor lama bila ada. Permohonan tanpa dokumen asli tidak dapat diproses.',
	'Berpakaian rapi dan sopan (kemeja berkerah, tanpa kaus oblong dan sandal). Hindari pakaian berwarna putih karena latar foto paspor berwarna putih.',
	'Datang paling lambat 30 menit sebelum jadwal. Pemohon yang terlambat dapat diminta memilih jadwal baru.',
	'Jadwal dapat diubah satu kali melalui aplikasi Lancar, paling lambat satu hari sebelum jadwal (H-1) menurut tanggal setempat kantor. Setelah diubah, surat dan kode QR lama tidak berlaku.',
	'PNBP yang sudah dibayar tidak dapat dikembalikan (termasuk bila jadwal dibatalkan atau pemohon tidak hadir).',
	'Tunjukkan kode QR pada surat ini atau di aplikasi Lancar kepada petugas saat tiba.'
];

// Standard PDF fonts encode WinAnsi only; other characters are spelled without their marks.
const WIN_ANSI_EXTRA = new Set('–—‘’“”•€…'.split(''));
function printable(text: string): string {
	return [...text]
		.map((char) => {
			if (char.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRA.has(char)) return char;
			const plain = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
			return plain && plain.charCodeAt(0) <= 0xff ? plain : '?';
		})
		.join('');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		const candidate = line ? `${line} ${word}` : word;
		if (font.widthOfTextAtSize(candidate, size) > width && line) {
			lines.push(line);
			line = word;
		} else {
			line = candidate;
		}
	}
	if (line) lines.push(line);
	return lines;
}

/** Renders the Surat Pengantar on one A4 page; needs no browser. */
export async function renderLetter(facts: LetterFacts): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	pdf.setTitle(`Surat Pengantar ${facts.applicationNumber}`);
	pdf.setAuthor('Direktorat Jenderal Imigrasi');
	pdf.setSubject('Surat Pengantar permohonan paspor');
	pdf.setCreationDate(facts.issuedAt);
	const page: PDFPage = pdf.addPage([595.28, 841.89]);
	const regular = await pdf.embedFont(StandardFonts.Helvetica);
	const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
	const margin = 56;
	const width = page.getWidth() - margin * 2;
	let y = page.getHeight() - margin;

	const write = (
		text: string,
		options: { size?: number; font?: PDFFont; x?: number; maxWidth?: number } = {}
	) => {
		const size = options.size ?? 10.5;
		const font = options.font ?? regular;
		for (const line of wrap(printable(text), font, size, options.maxWidth ?? width)) {
			page.drawText(line, { x: options.x ?? margin, y, size, font, color: rgb(0.1, 0.1, 0.1) });
			y -= size * 1.4;
		}
	};

	write('KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA', { size: 10, font: bold });
	write('DIREKTORAT JENDERAL IMIGRASI', { size: 14, font: bold });
	write(facts.officeName, { size: 10.5 });
	y -= 4;
	page.drawLine({
		start: { x: margin, y },
		end: { x: margin + width, y },
		thickness: 1.5,
		color: rgb(0.1, 0.1, 0.1)
	});
	y -= 24;
	write('SURAT PENGANTAR', { size: 13, font: bold });
	write('Jadwal kedatangan permohonan paspor — Bukti Pembayaran PNBP terlampir (kode QR)', {
		size: 9.5
	});
	y -= 10;

	// The QR sits at the right of the details, at error correction M as a phone shows it.
	const qrPng = await QRCode.toBuffer(facts.receiptToken, {
		errorCorrectionLevel: 'M',
		margin: 2,
		width: 600
	});
	const qr = await pdf.embedPng(qrPng);
	const qrSize = 170;
	page.drawImage(qr, {
		x: margin + width - qrSize,
		y: y - qrSize + 10,
		width: qrSize,
		height: qrSize
	});

	const details: [string, string][] = [
		['Nama pemohon', facts.applicantName],
		['NIK', maskNik(facts.nik).replaceAll('•', '*')],
		['Nomor permohonan', facts.applicationNumber],
		['Jenis paspor', `${PASSPORT_NAMES[facts.passportType]} · layanan ${facts.service}`],
		['Kantor', facts.officeName],
		['Alamat kantor', facts.officeAddress],
		['Jadwal kedatangan', appointmentText(facts)]
	];
	const labelWidth = 120;
	const valueWidth = width - labelWidth - qrSize - 16;
	for (const [label, value] of details) {
		const top = y;
		write(label, { font: bold, maxWidth: labelWidth - 8 });
		const labelEnd = y;
		y = top;
		write(value, { x: margin + labelWidth, maxWidth: valueWidth });
		y = Math.min(y, labelEnd) - 4;
	}
	y = Math.min(y, page.getHeight() - margin - 140 - qrSize) - 8;

	write('Ketentuan', { size: 12, font: bold });
	y -= 2;
	LETTER_TERMS.forEach((term, index) => {
		const top = y;
		write(`${index + 1}.`, { maxWidth: 16 });
		y = top;
		write(term, { x: margin + 16, maxWidth: width - 16 });
		y -= 4;
	});

	y -= 10;
	write(
		`Diterbitkan ${new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: facts.timeZone }).format(facts.issuedAt)} ${zoneLabel(facts.timeZone)} oleh aplikasi Lancar. Keaslian kode QR dapat diperiksa petugas dengan kunci publik di /.well-known/jwks.json.`,
		{ size: 8.5 }
	);
	return pdf.save();
}
