/**
 * The newsroom's seed content: the MerahPutih.com article of the seed document
 * (committed verbatim as database/seed/source/000_175bf339afc62747.txt), with
 * its author, tags and related links, in Indonesian (`id`, verbatim from the
 * seed document) and English (`en`, a translation written for this project).
 *
 * Rules kept here:
 * - Indonesian text is the seed document's, character for character (including
 *   its typo "laporan KNCA" for KCNA in the third paragraph; the English
 *   translation says KCNA).
 * - "Baca juga: …" is a read-also link placed in the body between the third and
 *   fourth paragraph, not body text; "Bagikan" is the page's share button and is
 *   not content; "[HOAKS atau FAKTA]:" is a fact-check label, not part of the
 *   headline.
 * - The seed document carries no URLs: none are invented (links have neither
 *   `url` nor `target`).
 * - The Indonesian standfirst (excerpt) is derived from the first paragraph; the
 *   seed document has none of its own.
 * - The date is known from "Selasa (12/11)" (Tuesday 12 November 2024); the time
 *   of day is not, so it is midnight in Asia/Jakarta (UTC+7).
 * - The photo is not part of the seed document: the cover is a grey placeholder
 *   card made by scripts/seed/make-placeholder-cover.mjs; its caption and credit
 *   are the page's.
 */
import type { SeedFixture } from './types';

export const READ_ALSO_HEADLINE = 'Ribuan Tentara Korut Sudah di Perbatasan Ukraina, AS Juga Kirim Bantuan';
export const ARTICLE_SLUG_ID = 'kim-jong-un-teken-pakta-baru-korut-bisa-ikut-bantu-rusia-serang-ukraina';

const related = (id: string, en: string) =>
  ({ kind: 'related', locales: { id: { title: id }, en: { title: en } } }) as const;

export const newsroomFixture = {
  media: [
    {
      name: 'placeholder-cover.png',
      path: 'database/seed/media/placeholder-cover.png',
      mime: 'image/png',
      alternativeText:
        'Placeholder image, not a photo: grey card reading "Placeholder — no photo" / "Gambar pengganti — bukan foto"',
      caption: 'Placeholder made by the project; the seed article has no photo.',
    },
  ],

  authors: [
    {
      slug: 'wisnu-cipto',
      name: 'Wisnu Cipto',
      jobTitle: { id: 'Jurnalis', en: 'Journalist' },
    },
  ],

  tags: [
    { locales: { id: { name: 'Korea Utara', slug: 'korea-utara' }, en: { name: 'North Korea', slug: 'north-korea' } } },
    { locales: { id: { name: 'Rusia', slug: 'rusia' }, en: { name: 'Russia', slug: 'russia' } } },
    { locales: { id: { name: 'Ukraina', slug: 'ukraina' }, en: { name: 'Ukraine', slug: 'ukraine' } } },
    { locales: { id: { name: 'Kim Jong Un', slug: 'kim-jong-un' }, en: { name: 'Kim Jong Un', slug: 'kim-jong-un' } } },
    {
      locales: {
        id: { name: 'Vladimir Putin', slug: 'vladimir-putin' },
        en: { name: 'Vladimir Putin', slug: 'vladimir-putin' },
      },
    },
    {
      locales: {
        id: { name: 'Pakta Pertahanan', slug: 'pakta-pertahanan' },
        en: { name: 'Defence Pact', slug: 'defence-pact' },
      },
    },
  ],

  // In page order: the "Baca juga" link of the body, then the ten "Berita Terkait".
  relatedLinks: [
    {
      kind: 'read-also',
      locales: {
        id: { title: READ_ALSO_HEADLINE, label: 'Baca juga' },
        en: {
          title: 'Thousands of North Korean Troops Already at the Ukrainian Border, US Also Sends Aid',
          label: 'Read also',
        },
      },
    },
    related(
      'Bertemu di Beijing, Rusia dan Korut Bakal Tingkatkan Hubungan Bilateral Bikin Program Jangka Panjang',
      'Meeting in Beijing, Russia and North Korea to Step Up Bilateral Ties with a Long-Term Programme',
    ),
    related(
      'Respons Pernyataan Trump, Moskow Sebut Rusia, China, dan Korut Tidak Berkomplot Melawan Amerika Serikat',
      "Responding to Trump's Remarks, Moscow Says Russia, China and North Korea Are Not Conspiring Against the United States",
    ),
    related(
      'Misterius Banget, ini Sosok Kim Ju-ae, Anak Pemimpin Korea Utara yang Disebut Calon Penerus',
      "Truly Mysterious: Meet Kim Ju-ae, the North Korean Leader's Daughter Tipped as His Successor",
    ),
    related(
      'China Pamer Kekuatan Militer dalam Parade Peringatan 80 Tahun Berakhirnya Perang Dunia II',
      'China Shows Off Its Military Might in a Parade Marking 80 Years Since the End of World War II',
    ),
    related(
      'Putri Pemimpin Korea Utara Kim Jong-un Jadi Sorotan dalam Kunjungan ke China, Disebut Calon Penerus',
      "North Korean Leader Kim Jong-un's Daughter in the Spotlight on China Visit, Tipped as Successor",
    ),
    related(
      'Korea Selatan Bongkar Pengeras Suara Propaganda yang Mengarah ke Korea Utara, Upaya Awal Rekonsiliasi',
      'South Korea Dismantles Propaganda Loudspeakers Aimed at North Korea, a First Step Towards Reconciliation',
    ),
    related(
      'Korea Utara Buka Resor Pantai Baru demi Cuan di Tengah Sanksi Ketat',
      'North Korea Opens a New Beach Resort to Earn Cash Amid Tight Sanctions',
    ),
    {
      kind: 'fact-check',
      locales: {
        id: {
          title: 'Australia dan Amerika Panik, Prabowo Izinkan Rusia Bangun Pangkalan Militer di Indonesia',
          label: 'HOAKS atau FAKTA',
        },
        en: {
          title: 'Australia and America Panic as Prabowo Lets Russia Build a Military Base in Indonesia',
          label: 'HOAX or FACT',
        },
      },
    },
    related(
      'Pertama dalam Sejarah nih, Pembelot Korea Utara Gugat Kim Jong-un atas Tindakan Penyiksaan',
      'A First in History: North Korean Defector Sues Kim Jong-un over Torture',
    ),
    related(
      'Stok Amunisi AS Menyusut Imbas Perang 12 Hari Iran-Israel, Pentagon Setop Pasok Rudal Ukraina',
      'US Ammunition Stocks Shrink After the 12-Day Iran-Israel War, Pentagon Halts Missile Supplies to Ukraine',
    ),
  ],

  articles: [
    {
      locales: {
        id: {
          slug: ARTICLE_SLUG_ID,
          title: 'Kim Jong Un Teken Pakta Baru Korut Bisa Ikut Bantu Rusia Serang Ukraina',
          // Derived from the first paragraph (the seed document has no standfirst).
          excerpt:
            'Pemimpin Korea Utara Kim Jong Un resmi menandatangani pakta pertahanan yang memungkinkan Korut mengirim pasukan untuk membantu Rusia dalam perang melawan Ukraina.',
          coverCaption:
            'Arsip - Pemimpin Korea Utara Kim Jong Un (kiri) berjabatan tangan dengan Presiden Rusia Vladimir Putin (kanan).',
        },
        en: {
          slug: 'kim-jong-un-signs-new-pact-north-korea-may-help-russia-attack-ukraine',
          title: 'Kim Jong Un Signs New Pact: North Korea May Help Russia Attack Ukraine',
          excerpt:
            'North Korean leader Kim Jong Un has formally signed a defence pact that allows Pyongyang to send troops to help Russia in its war against Ukraine.',
          coverCaption:
            'File photo - North Korean leader Kim Jong Un (left) shakes hands with Russian President Vladimir Putin (right).',
        },
      },
      body: [
        {
          type: 'rich-text',
          paragraphs: {
            id: [
              'MerahPutih.com - Pemimpin Korea Utara (Korut) Kim Jong Un telah resmi menandatangani pakta pertahanan yang memungkinkan mereka mengirim pasukan untuk membantu Rusia dalam perang melawan Ukraina.',
              'Dilansir Kantor berita resmi Korut, KCNA, Selasa (12/11), pakta baru kemitraan strategis komprehensif dengan Rusia telah diratifikasi oleh pemimpin Korut sehari sebelumnya pada Senin kemarin waktu setempat.',
              '"Kesepakatan itu akan mulai berlaku ketika kedua pihak saling bertukar dokumen ratifikasi," demikian laporan KNCA, dikutip dari Antara. Adapun isi pakta itu mencakup kesepakatan bantuan militer bagi jika terjadi serangan terhadap salah satu pihak.',
            ],
            en: [
              'MerahPutih.com - North Korean leader Kim Jong Un has formally signed a defence pact that allows the country to send troops to help Russia in its war against Ukraine.',
              "North Korea's official news agency, KCNA, reported on Tuesday (12/11) that the country's leader had ratified the new comprehensive strategic partnership pact with Russia a day earlier, on Monday local time.",
              '"The agreement will enter into force when the two sides exchange the instruments of ratification," KCNA reported, as quoted by Antara. The pact includes an agreement on military assistance should either party be attacked.',
            ],
          },
        },
        { type: 'read-also', link: READ_ALSO_HEADLINE },
        {
          type: 'rich-text',
          paragraphs: {
            id: [
              'Pakta perjanjian pertahanan terbaru Korut-Rusia itu sekaligus memperkuat kesepakatan Kim dan Presiden Rusia Vladimir Putin sebelumnya yang diteken pada Juni di Pyongyang.',
              'Sejak pakta itu ditandatangani, Korut dan Rusia telah meningkatkan kerja sama militer ke level yang lebih tinggi. Pakta pertahanan tersebut memicu spekulasi pasukan Korut kemungkinan akan segera terlibat dalam perang Rusia-Ukraina. (*)',
            ],
            en: [
              'The latest North Korea-Russia defence pact also strengthens the earlier agreement between Kim and Russian President Vladimir Putin, signed in June in Pyongyang.',
              'Since the pact was signed, North Korea and Russia have raised their military cooperation to a higher level. The defence pact has fuelled speculation that North Korean troops may soon be drawn into the Russia-Ukraine war. (*)',
            ],
          },
        },
      ],
      cover: 'placeholder-cover.png',
      coverCredit: 'ANTARA/KCNA/tm/aa',
      author: 'wisnu-cipto',
      tags: ['korea-utara', 'rusia', 'ukraina', 'kim-jong-un', 'vladimir-putin', 'pakta-pertahanan'],
      relatedLinks: [
        READ_ALSO_HEADLINE,
        'Bertemu di Beijing, Rusia dan Korut Bakal Tingkatkan Hubungan Bilateral Bikin Program Jangka Panjang',
        'Respons Pernyataan Trump, Moskow Sebut Rusia, China, dan Korut Tidak Berkomplot Melawan Amerika Serikat',
        'Misterius Banget, ini Sosok Kim Ju-ae, Anak Pemimpin Korea Utara yang Disebut Calon Penerus',
        'China Pamer Kekuatan Militer dalam Parade Peringatan 80 Tahun Berakhirnya Perang Dunia II',
        'Putri Pemimpin Korea Utara Kim Jong-un Jadi Sorotan dalam Kunjungan ke China, Disebut Calon Penerus',
        'Korea Selatan Bongkar Pengeras Suara Propaganda yang Mengarah ke Korea Utara, Upaya Awal Rekonsiliasi',
        'Korea Utara Buka Resor Pantai Baru demi Cuan di Tengah Sanksi Ketat',
        'Australia dan Amerika Panik, Prabowo Izinkan Rusia Bangun Pangkalan Militer di Indonesia',
        'Pertama dalam Sejarah nih, Pembelot Korea Utara Gugat Kim Jong-un atas Tindakan Penyiksaan',
        'Stok Amunisi AS Menyusut Imbas Perang 12 Hari Iran-Israel, Pentagon Setop Pasok Rudal Ukraina',
      ],
      // "Dilansir Kantor berita resmi Korut, KCNA" / "dikutip dari Antara".
      sources: [
        { name: 'KCNA', relation: 'reported-by' },
        { name: 'Antara', relation: 'quoted-from' },
      ],
      // "Selasa (12/11)": the date is known, the time of day is not (midnight WIB).
      firstPublishedAt: '2024-11-12T00:00:00+07:00',
      timeZone: 'Asia/Jakarta',
    },
  ],
} as const satisfies SeedFixture;

export default newsroomFixture as SeedFixture;
