import type { TestApp } from './strapi';
import { ARTICLE, AUTHOR, TAG, body, publishIn } from './publishing-fixture';

/**
 * The search relevance corpus: 24 bilingual news articles on distinct but
 * overlapping subjects (two floods, two election stories, two health stories…),
 * three authors and nine tags, written for this test; the seed article
 * (tests/helpers/seed.ts) is added beside them. Keys name what a judged
 * query expects: an article's key, `author:<slug>` or `tag:<slug>`.
 */
type Text = { title: string; excerpt: string; body: string[] };
type CorpusArticle = { key: string; id: Text; en: Text; tags: string[]; author?: string; daysAgo: number };

export const CORPUS_AUTHORS = [
  {
    slug: 'rina-susanti',
    name: 'Rina Susanti',
    id: { jobTitle: 'Wartawan ekonomi', bio: 'Meliput pasar modal dan kebijakan fiskal.' },
    en: { jobTitle: 'Economics reporter', bio: 'Covers capital markets and fiscal policy.' },
  },
  {
    slug: 'bambang-hartono',
    name: 'Bambang Hartono',
    id: { jobTitle: 'Redaktur politik', bio: 'Menulis tentang parlemen dan pemilihan umum.' },
    en: { jobTitle: 'Politics editor', bio: 'Writes about parliament and general elections.' },
  },
  {
    slug: 'dewi-lestari-wulandari',
    name: 'Dewi Lestari Wulandari',
    id: { jobTitle: 'Jurnalis lingkungan', bio: 'Meliput hutan, iklim, dan bencana alam.' },
    en: { jobTitle: 'Environment journalist', bio: 'Covers forests, climate and natural disasters.' },
  },
] as const;

export const CORPUS_TAGS = [
  { key: 'ekonomi', id: 'Ekonomi', en: 'Economy', enSlug: 'economy' },
  { key: 'politik', id: 'Politik', en: 'Politics', enSlug: 'politics' },
  { key: 'lingkungan', id: 'Lingkungan', en: 'Environment', enSlug: 'environment' },
  { key: 'kesehatan', id: 'Kesehatan', en: 'Health', enSlug: 'health' },
  { key: 'olahraga', id: 'Olahraga', en: 'Sports', enSlug: 'sports' },
  { key: 'teknologi', id: 'Teknologi', en: 'Technology', enSlug: 'technology' },
  { key: 'mudik-lebaran', id: 'Mudik Lebaran', en: 'Eid Homecoming', enSlug: 'eid-homecoming' },
  { key: 'bencana-alam', id: 'Bencana Alam', en: 'Natural Disasters', enSlug: 'natural-disasters' },
  { key: 'pendidikan', id: 'Pendidikan', en: 'Education', enSlug: 'education' },
] as const;

export const CORPUS_ARTICLES: readonly CorpusArticle[] = [
  {
    key: 'banjir-jakarta',
    daysAgo: 3,
    tags: ['lingkungan', 'bencana-alam'],
    author: 'dewi-lestari-wulandari',
    id: {
      title: 'Banjir Rendam Ribuan Rumah di Jakarta Utara',
      excerpt: 'Hujan deras semalaman membuat sungai meluap dan merendam permukiman warga.',
      body: [
        'Badan Penanggulangan Bencana Daerah mencatat lebih dari tiga ribu rumah terendam.',
        'Warga mengungsi ke masjid dan sekolah terdekat. Petugas membagikan makanan dan selimut.',
      ],
    },
    en: {
      title: 'Floods Submerge Thousands of Homes in North Jakarta',
      excerpt: 'Overnight downpours made rivers overflow and flooded residential areas.',
      body: [
        'The regional disaster agency recorded more than three thousand homes under water.',
        'Residents took shelter in nearby mosques and schools. Officials handed out food and blankets.',
      ],
    },
  },
  {
    key: 'banjir-semarang',
    daysAgo: 20,
    tags: ['lingkungan', 'bencana-alam'],
    author: 'dewi-lestari-wulandari',
    id: {
      title: 'Tanggul Jebol, Banjir Melanda Semarang',
      excerpt: 'Air laut pasang dan tanggul yang rusak menyebabkan banjir rob di pesisir.',
      body: ['Pemerintah kota memperbaiki tanggul dengan karung pasir.', 'Nelayan tidak bisa melaut selama tiga hari.'],
    },
    en: {
      title: 'Levee Breach Floods Semarang',
      excerpt: 'High tide and a damaged levee caused tidal flooding along the coast.',
      body: ['The city government repaired the levee with sandbags.', 'Fishermen could not go to sea for three days.'],
    },
  },
  {
    key: 'kebakaran-hutan',
    daysAgo: 40,
    tags: ['lingkungan', 'bencana-alam'],
    author: 'dewi-lestari-wulandari',
    id: {
      title: 'Kebakaran Hutan di Riau Meluas, Asap Ganggu Penerbangan',
      excerpt: 'Titik api bertambah di lahan gambut dan kabut asap menutup bandara Pekanbaru.',
      body: [
        'Tim pemadam menggunakan helikopter untuk memadamkan api.',
        'Sekolah diliburkan karena kualitas udara memburuk.',
      ],
    },
    en: {
      title: 'Riau Forest Fires Spread, Haze Disrupts Flights',
      excerpt: 'Hotspots multiplied on peatland and haze closed Pekanbaru airport.',
      body: [
        'Firefighting teams used helicopters to douse the flames.',
        'Schools were closed as air quality worsened.',
      ],
    },
  },
  {
    key: 'gempa-cianjur',
    daysAgo: 60,
    tags: ['bencana-alam'],
    author: 'dewi-lestari-wulandari',
    id: {
      title: 'Gempa Magnitudo 5,6 Guncang Cianjur',
      excerpt: 'Guncangan terasa hingga Jakarta dan merusak ratusan bangunan.',
      body: ['Relawan membangun tenda darurat bagi para pengungsi.', 'Korban luka dirawat di rumah sakit daerah.'],
    },
    en: {
      title: 'Magnitude 5.6 Earthquake Shakes Cianjur',
      excerpt: 'The tremor was felt as far as Jakarta and damaged hundreds of buildings.',
      body: [
        'Volunteers set up emergency tents for the displaced.',
        'The injured were treated at the regional hospital.',
      ],
    },
  },
  {
    key: 'suku-bunga',
    daysAgo: 5,
    tags: ['ekonomi'],
    author: 'rina-susanti',
    id: {
      title: 'Bank Indonesia Menahan Suku Bunga Acuan',
      excerpt: 'Bank sentral mempertahankan suku bunga di 6 persen untuk menjaga nilai tukar rupiah.',
      body: [
        'Gubernur Bank Indonesia menyatakan inflasi masih terkendali.',
        'Para ekonom memperkirakan penurunan suku bunga pada akhir tahun.',
      ],
    },
    en: {
      title: 'Bank Indonesia Holds Benchmark Interest Rate',
      excerpt: 'The central bank kept its rate at 6 percent to support the rupiah exchange rate.',
      body: [
        'The governor of Bank Indonesia said inflation remained under control.',
        'Economists expect a rate cut at the end of the year.',
      ],
    },
  },
  {
    key: 'harga-beras',
    daysAgo: 8,
    tags: ['ekonomi'],
    author: 'rina-susanti',
    id: {
      title: 'Harga Beras Naik Menjelang Ramadan',
      excerpt: 'Pedagang di pasar tradisional menaikkan harga beras medium dan premium.',
      body: [
        'Pemerintah akan menggelar operasi pasar untuk menstabilkan harga.',
        'Petani mengeluhkan biaya pupuk yang mahal.',
      ],
    },
    en: {
      title: 'Rice Prices Rise Ahead of Ramadan',
      excerpt: 'Traders at traditional markets raised prices of medium and premium rice.',
      body: [
        'The government will hold market operations to stabilise prices.',
        'Farmers complain about expensive fertiliser.',
      ],
    },
  },
  {
    key: 'ekspor-nikel',
    daysAgo: 12,
    tags: ['ekonomi'],
    author: 'rina-susanti',
    id: {
      title: 'Ekspor Nikel Mendorong Pertumbuhan Ekonomi Sulawesi',
      excerpt: 'Pembangunan smelter baru meningkatkan nilai ekspor provinsi.',
      body: [
        'Investor dari Tiongkok dan Korea Selatan menanamkan modal di kawasan industri Morowali.',
        'Serikat pekerja meminta standar keselamatan yang lebih ketat.',
      ],
    },
    en: {
      title: 'Nickel Exports Drive Economic Growth in Sulawesi',
      excerpt: "The construction of new smelters raised the province's export value.",
      body: [
        'Investors from China and South Korea put money into the Morowali industrial park.',
        'Labour unions demanded stricter safety standards.',
      ],
    },
  },
  {
    key: 'uu-pemilu',
    daysAgo: 15,
    tags: ['politik'],
    author: 'bambang-hartono',
    id: {
      title: 'DPR Mengesahkan Undang-Undang Pemilihan Umum yang Baru',
      excerpt: 'Parlemen menyetujui aturan ambang batas pencalonan presiden.',
      body: [
        'Rapat paripurna berlangsung alot dan diwarnai interupsi.',
        'Beberapa fraksi menolak dan memilih walk out.',
      ],
    },
    en: {
      title: 'Parliament Passes New General Election Law',
      excerpt: 'Lawmakers approved the threshold rules for presidential nominations.',
      body: ['The plenary session was tense and marked by interruptions.', 'Several factions objected and walked out.'],
    },
  },
  {
    key: 'debat-pilkada',
    daysAgo: 2,
    tags: ['politik'],
    author: 'bambang-hartono',
    id: {
      title: 'Debat Calon Gubernur Jawa Barat Memanas',
      excerpt: 'Para kandidat saling menyerang soal janji pembangunan jalan tol.',
      body: [
        'Komisi Pemilihan Umum menyiapkan dua debat lagi sebelum hari pencoblosan.',
        'Survei terbaru menunjukkan persaingan ketat.',
      ],
    },
    en: {
      title: 'West Java Governor Candidates Clash in Heated Debate',
      excerpt: 'The candidates attacked each other over promises to build toll roads.',
      body: [
        'The General Elections Commission has scheduled two more debates before voting day.',
        'The latest survey shows a tight race.',
      ],
    },
  },
  {
    key: 'vaksin-campak',
    daysAgo: 25,
    tags: ['kesehatan'],
    author: 'bambang-hartono',
    id: {
      title: 'Menteri Kesehatan Luncurkan Program Vaksinasi Campak',
      excerpt: 'Kementerian menargetkan jutaan anak divaksin dalam dua bulan.',
      body: [
        'Puskesmas di seluruh provinsi menerima kiriman vaksin.',
        'Orang tua diminta membawa buku kesehatan anak.',
      ],
    },
    en: {
      title: 'Health Minister Launches Measles Vaccination Drive',
      excerpt: 'The ministry aims to vaccinate millions of children within two months.',
      body: [
        'Community health centres across the provinces received vaccine shipments.',
        "Parents were asked to bring their children's health books.",
      ],
    },
  },
  {
    key: 'demam-berdarah',
    daysAgo: 30,
    tags: ['kesehatan'],
    author: 'dewi-lestari-wulandari',
    id: {
      title: 'Kasus Demam Berdarah Meningkat di Musim Hujan',
      excerpt: 'Dinas kesehatan mengimbau warga membersihkan genangan air.',
      body: [
        'Rumah sakit di Bandung kewalahan menangani pasien.',
        'Fogging dilakukan di kampung-kampung padat penduduk.',
      ],
    },
    en: {
      title: 'Dengue Fever Cases Rise in the Rainy Season',
      excerpt: 'Health offices urged residents to clear standing water.',
      body: [
        'Hospitals in Bandung were overwhelmed with patients.',
        'Fogging was carried out in densely populated neighbourhoods.',
      ],
    },
  },
  {
    key: 'timnas',
    daysAgo: 1,
    tags: ['olahraga'],
    author: 'bambang-hartono',
    id: {
      title: 'Timnas Indonesia Menang 2-0 atas Vietnam',
      excerpt: 'Dua gol di babak kedua membawa Garuda ke puncak klasemen grup.',
      body: [
        'Pelatih Shin Tae-yong memuji kedisiplinan para pemain.',
        'Ribuan suporter merayakan kemenangan di Stadion Utama Gelora Bung Karno.',
      ],
    },
    en: {
      title: "Indonesia's National Team Beats Vietnam 2-0",
      excerpt: 'Two second-half goals put the Garuda at the top of the group table.',
      body: [
        "Coach Shin Tae-yong praised the players' discipline.",
        'Thousands of supporters celebrated the win at Gelora Bung Karno Main Stadium.',
      ],
    },
  },
  {
    key: 'bulu-tangkis',
    daysAgo: 9,
    tags: ['olahraga'],
    id: {
      title: 'Pebulu Tangkis Muda Juarai Turnamen di Jepang',
      excerpt: 'Pemain berusia 19 tahun itu mengalahkan unggulan pertama di final.',
      body: [
        'Federasi bulu tangkis berharap prestasi ini berlanjut ke Olimpiade.',
        'Keluarganya menonton pertandingan dari kampung halaman di Kudus.',
      ],
    },
    en: {
      title: 'Young Badminton Player Wins Tournament in Japan',
      excerpt: 'The 19-year-old beat the top seed in the final.',
      body: [
        'The badminton federation hopes the success carries on to the Olympics.',
        'Her family watched the match from her hometown of Kudus.',
      ],
    },
  },
  {
    key: 'kecerdasan-buatan',
    daysAgo: 18,
    tags: ['teknologi'],
    author: 'rina-susanti',
    id: {
      title: 'Perusahaan Rintisan Lokal Kembangkan Kecerdasan Buatan Berbahasa Indonesia',
      excerpt: 'Model bahasa itu dilatih dengan jutaan dokumen berita dan sastra.',
      body: [
        'Pendiri perusahaan mengatakan teknologi ini akan membantu layanan pelanggan.',
        'Para peneliti mengingatkan risiko penyebaran hoaks.',
      ],
    },
    en: {
      title: 'Local Startup Develops Indonesian-Language Artificial Intelligence',
      excerpt: 'The language model was trained on millions of news and literary documents.',
      body: [
        "The company's founder said the technology will help customer service.",
        'Researchers warned of the risk of spreading hoaxes.',
      ],
    },
  },
  {
    key: 'internet-desa',
    daysAgo: 22,
    tags: ['teknologi', 'pendidikan'],
    author: 'bambang-hartono',
    id: {
      title: 'Pemerintah Menyambungkan Internet ke Desa Terpencil di Papua',
      excerpt: 'Satelit baru memberi akses internet bagi sekolah dan puskesmas.',
      body: [
        'Guru kini bisa mengunduh materi pelajaran.',
        'Warga menggunakan jaringan untuk menjual hasil kebun secara daring.',
      ],
    },
    en: {
      title: 'Government Connects Remote Papua Villages to the Internet',
      excerpt: 'A new satellite gives schools and health centres internet access.',
      body: ['Teachers can now download lesson materials.', 'Residents use the network to sell their crops online.'],
    },
  },
  {
    key: 'macet-cikampek',
    daysAgo: 45,
    tags: ['mudik-lebaran'],
    author: 'bambang-hartono',
    id: {
      title: 'Kemacetan Parah di Tol Cikampek pada H-3 Lebaran',
      excerpt: 'Ribuan kendaraan terjebak berjam-jam menuju Jawa Tengah.',
      body: [
        'Polisi memberlakukan sistem satu arah untuk mengurai antrean.',
        'Pengendara diminta beristirahat di rest area.',
      ],
    },
    en: {
      title: 'Severe Congestion on the Cikampek Toll Road Three Days Before Eid',
      excerpt: 'Thousands of vehicles were stuck for hours heading to Central Java.',
      body: ['Police imposed a one-way system to ease the queues.', 'Drivers were asked to rest at service areas.'],
    },
  },
  {
    key: 'kereta-cepat',
    daysAgo: 11,
    tags: ['ekonomi'],
    author: 'rina-susanti',
    id: {
      title: 'Penumpang Kereta Cepat Jakarta-Bandung Melonjak saat Libur Panjang',
      excerpt: 'Operator menambah jadwal perjalanan untuk memenuhi permintaan.',
      body: ['Tiket untuk akhir pekan habis terjual sejak Senin.', 'Stasiun Tegalluar dipadati wisatawan.'],
    },
    en: {
      title: 'High-Speed Rail Passengers Surge During Long Holiday',
      excerpt: 'The operator added trips to meet demand.',
      body: ['Weekend tickets sold out on Monday.', 'Tegalluar station was packed with tourists.'],
    },
  },
  {
    key: 'kurikulum',
    daysAgo: 35,
    tags: ['pendidikan'],
    author: 'bambang-hartono',
    id: {
      title: 'Kurikulum Merdeka Diterapkan di Semua Sekolah Dasar',
      excerpt: 'Kementerian pendidikan mewajibkan kurikulum baru mulai tahun ajaran depan.',
      body: [
        'Guru mendapat pelatihan daring selama tiga bulan.',
        'Sebagian orang tua khawatir beban belajar anak bertambah.',
      ],
    },
    en: {
      title: 'Independent Curriculum to Be Applied in All Primary Schools',
      excerpt: 'The education ministry made the new curriculum mandatory from next school year.',
      body: [
        'Teachers received three months of online training.',
        "Some parents worry the children's workload will grow.",
      ],
    },
  },
  {
    key: 'beasiswa',
    daysAgo: 50,
    tags: ['pendidikan'],
    author: 'rina-susanti',
    id: {
      title: 'Ribuan Mahasiswa Menerima Beasiswa ke Luar Negeri',
      excerpt: 'Lembaga pengelola dana pendidikan memberangkatkan penerima ke Eropa dan Australia.',
      body: [
        'Penerima beasiswa wajib kembali dan mengabdi di Indonesia.',
        'Jurusan teknik dan kedokteran paling diminati.',
      ],
    },
    en: {
      title: 'Thousands of Students Receive Scholarships Abroad',
      excerpt: 'The education fund sent recipients to Europe and Australia.',
      body: [
        'Scholarship recipients must return and serve in Indonesia.',
        'Engineering and medicine were the most popular subjects.',
      ],
    },
  },
  {
    key: 'ibu-kota-nusantara',
    daysAgo: 7,
    tags: ['politik', 'lingkungan'],
    author: 'bambang-hartono',
    id: {
      title: 'Pembangunan Ibu Kota Nusantara Memasuki Tahap Kedua',
      excerpt: 'Istana presiden dan gedung kementerian hampir rampung.',
      body: [
        'Ribuan pekerja bekerja siang dan malam di Kalimantan Timur.',
        'Kritikus mempertanyakan biaya dan dampaknya terhadap hutan.',
      ],
    },
    en: {
      title: 'Construction of the Nusantara Capital Enters Its Second Phase',
      excerpt: 'The presidential palace and ministry buildings are nearly finished.',
      body: [
        'Thousands of workers toil day and night in East Kalimantan.',
        'Critics question the cost and its impact on the forest.',
      ],
    },
  },
  {
    key: 'penyu-bali',
    daysAgo: 28,
    tags: ['lingkungan'],
    author: 'dewi-lestari-wulandari',
    id: {
      title: 'Relawan Melepas Ratusan Tukik Penyu di Pantai Bali',
      excerpt: 'Konservasi penyu melibatkan nelayan dan wisatawan.',
      body: [
        'Telur penyu dijaga di tempat penetasan selama dua bulan.',
        'Populasi penyu hijau terancam oleh sampah plastik.',
      ],
    },
    en: {
      title: 'Volunteers Release Hundreds of Baby Turtles on a Bali Beach',
      excerpt: 'Turtle conservation involves fishermen and tourists.',
      body: [
        'Turtle eggs are guarded in a hatchery for two months.',
        'The green turtle population is threatened by plastic waste.',
      ],
    },
  },
  {
    key: 'perjanjian-dagang',
    daysAgo: 14,
    tags: ['ekonomi', 'politik'],
    author: 'rina-susanti',
    id: {
      title: 'Indonesia dan Uni Eropa Menandatangani Perjanjian Dagang',
      excerpt: 'Kesepakatan menghapus tarif bagi sebagian besar produk.',
      body: [
        'Perundingan berlangsung hampir sepuluh tahun.',
        'Pengusaha tekstil menyambut baik akses pasar yang lebih luas.',
      ],
    },
    en: {
      title: 'Indonesia and the European Union Sign a Trade Agreement',
      excerpt: 'The deal removes tariffs on most products.',
      body: ['Negotiations lasted almost ten years.', 'Textile makers welcomed wider market access.'],
    },
  },
  {
    key: 'pengiriman-paket',
    daysAgo: 4,
    tags: ['ekonomi'],
    author: 'rina-susanti',
    id: {
      title: 'Jasa Pengiriman Paket Kewalahan Jelang Hari Belanja Nasional',
      excerpt: 'Perusahaan logistik merekrut kurir tambahan.',
      body: [
        'Gudang di Cikarang beroperasi dua puluh empat jam.',
        'Konsumen diminta bersabar karena paket bisa terlambat.',
      ],
    },
    en: {
      title: 'Parcel Delivery Firms Swamped Before National Shopping Day',
      excerpt: 'Logistics companies hired extra couriers.',
      body: [
        'Warehouses in Cikarang ran around the clock.',
        'Customers were asked to be patient as parcels could be late.',
      ],
    },
  },
  {
    key: 'suap-bupati',
    daysAgo: 16,
    tags: ['politik'],
    author: 'bambang-hartono',
    id: {
      title: 'KPK Menahan Bupati atas Dugaan Suap Proyek Jalan',
      excerpt: 'Penyidik menyita uang tunai dan dokumen dari rumah dinas.',
      body: ['Bupati itu diduga menerima suap dari kontraktor.', 'Ia membantah semua tuduhan melalui pengacaranya.'],
    },
    en: {
      title: 'Anti-Graft Agency Detains Regent Over Alleged Road Project Bribery',
      excerpt: 'Investigators seized cash and documents from the official residence.',
      body: [
        'The regent allegedly received bribes from a contractor.',
        'He denied all the allegations through his lawyer.',
      ],
    },
  },
];

/** The seed article's key in the judged sets. */
export const SEED = 'seed';

/** documentId of every key, and the key of every documentId. */
export type CorpusIds = { byKey: Map<string, string>; keyOf: (type: string, documentId: string) => string };

const DAY = 24 * 60 * 60 * 1000;

/**
 * Writes the corpus through the Document Service (so the index middleware
 * indexes it as an editor's writes would be). The seed must already be in.
 */
export const buildSearchCorpus = async (app: TestApp): Promise<CorpusIds> => {
  const byKey = new Map<string, string>();
  const now = Date.now();
  for (const author of CORPUS_AUTHORS) {
    const shared = { name: author.name, slug: author.slug };
    byKey.set(`author:${author.slug}`, await publishIn(app, AUTHOR, { id: author.id, en: author.en }, shared));
  }
  for (const tag of CORPUS_TAGS) {
    byKey.set(
      `tag:${tag.key}`,
      await publishIn(app, TAG, { id: { name: tag.id, slug: tag.key }, en: { name: tag.en, slug: tag.enSlug } }),
    );
  }
  for (const article of CORPUS_ARTICLES) {
    const at = new Date(now - article.daysAgo * DAY).toISOString();
    const version = (text: Text) => ({ title: text.title, excerpt: text.excerpt, body: body(...text.body) });
    const documentId = await publishIn(
      app,
      ARTICLE,
      { id: { ...version(article.id), slug: article.key }, en: { ...version(article.en), slug: `${article.key}-en` } },
      {
        firstPublishedAt: at,
        tags: article.tags.map((t) => byKey.get(`tag:${t}`)),
        ...(article.author ? { author: byKey.get(`author:${article.author}`) } : {}),
      },
    );
    byKey.set(article.key, documentId);
  }
  const seed = (await app.strapi.documents(ARTICLE).findFirst({
    filters: { slug: 'kim-jong-un-teken-pakta-baru-korut-bisa-ikut-bantu-rusia-serang-ukraina' },
    locale: 'id',
    status: 'published',
  })) as { documentId: string } | null;
  if (!seed) throw new Error('search corpus: the seed article is missing (seed the app first)');
  byKey.set(SEED, seed.documentId);
  for (const slug of ['wisnu-cipto']) {
    const author = (await app.strapi.documents(AUTHOR).findFirst({ filters: { slug }, locale: 'id' })) as {
      documentId: string;
    } | null;
    if (author) byKey.set(`author:${slug}`, author.documentId);
  }
  for (const slug of ['kim-jong-un', 'vladimir-putin', 'korea-utara', 'pakta-pertahanan', 'rusia', 'ukraina']) {
    const tag = (await app.strapi.documents(TAG).findFirst({ filters: { slug }, locale: 'id' })) as {
      documentId: string;
    } | null;
    if (tag) byKey.set(`tag:${slug}`, tag.documentId);
  }
  const keys = new Map([...byKey].map(([key, id]) => [id, key]));
  return {
    byKey,
    keyOf: (type, documentId) => {
      const key = keys.get(documentId) ?? documentId;
      // Articles are named by their key alone; authors and tags by `author:`/`tag:` keys already.
      return type === 'articles' || key.includes(':') ? key : `${type}:${key}`;
    },
  };
};

/** One judged query: any of `relevant` is a correct answer; `kind` says what it tests. */
export type JudgedQuery = { q: string; relevant: string[]; kind: string };

const DISASTERS = ['tag:bencana-alam', 'banjir-jakarta', 'banjir-semarang', 'kebakaran-hutan', 'gempa-cianjur'];

/**
 * Indonesian judged queries, written from the articles' meaning (not from the
 * engine's answers). Morphology queries use other word forms than the text's.
 */
export const JUDGED_ID: readonly JudgedQuery[] = [
  { kind: 'morphology', q: 'penandatanganan pakta', relevant: [SEED] },
  { kind: 'morphology', q: 'penandatanganan perjanjian dagang', relevant: ['perjanjian-dagang'] },
  { kind: 'morphology', q: 'kebanjiran', relevant: ['banjir-jakarta', 'banjir-semarang'] },
  { kind: 'morphology', q: 'hutan terbakar', relevant: ['kebakaran-hutan'] },
  { kind: 'morphology', q: 'pemadaman api', relevant: ['kebakaran-hutan'] },
  { kind: 'morphology', q: 'pengungsian warga', relevant: ['banjir-jakarta', 'gempa-cianjur'] },
  { kind: 'morphology', q: 'tanggul diperbaiki', relevant: ['banjir-semarang'] },
  { kind: 'morphology', q: 'penahanan bupati', relevant: ['suap-bupati'] },
  { kind: 'morphology', q: 'vaksin campak', relevant: ['vaksin-campak'] },
  { kind: 'morphology', q: 'dibangun tenda darurat', relevant: ['gempa-cianjur'] },
  { kind: 'morphology', q: 'kiriman paket', relevant: ['pengiriman-paket'] },
  { kind: 'morphology', q: 'kenaikan harga beras', relevant: ['harga-beras'] },
  { kind: 'morphology', q: 'penyuapan proyek jalan', relevant: ['suap-bupati'] },
  { kind: 'multi-word', q: 'pertumbuhan ekonomi Sulawesi', relevant: ['ekspor-nikel'] },
  { kind: 'multi-word', q: 'suku bunga acuan', relevant: ['suku-bunga'] },
  { kind: 'multi-word', q: 'internet desa terpencil', relevant: ['internet-desa'] },
  { kind: 'multi-word', q: 'kurikulum baru sekolah dasar', relevant: ['kurikulum'] },
  { kind: 'phrase', q: 'kualitas udara memburuk', relevant: ['kebakaran-hutan'] },
  { kind: 'phrase', q: 'sampah plastik', relevant: ['penyu-bali'] },
  { kind: 'phrase', q: 'kecerdasan buatan', relevant: ['kecerdasan-buatan'] },
  { kind: 'phrase', q: 'jalan tol', relevant: ['debat-pilkada', 'macet-cikampek'] },
  { kind: 'name', q: 'Kim Jong Un', relevant: [SEED, 'tag:kim-jong-un'] },
  { kind: 'name', q: 'Vladimir Putin', relevant: [SEED, 'tag:vladimir-putin'] },
  { kind: 'name', q: 'Shin Tae-yong', relevant: ['timnas'] },
  { kind: 'name', q: 'Wisnu Cipto', relevant: ['author:wisnu-cipto', SEED] },
  { kind: 'name', q: 'Dewi Lestari', relevant: ['author:dewi-lestari-wulandari'] },
  { kind: 'name', q: 'Morowali', relevant: ['ekspor-nikel'] },
  { kind: 'typo', q: 'kebakaarn hutan', relevant: ['kebakaran-hutan'] },
  { kind: 'typo', q: 'vaksinsi campak', relevant: ['vaksin-campak'] },
  { kind: 'typo', q: 'pemilhan umum', relevant: ['uu-pemilu', 'debat-pilkada'] },
  { kind: 'typo', q: 'Nusantra', relevant: ['ibu-kota-nusantara'] },
  { kind: 'tag-only', q: 'mudik', relevant: ['macet-cikampek', 'tag:mudik-lebaran'] },
  { kind: 'tag-only', q: 'bencana alam', relevant: DISASTERS },
  { kind: 'prefix', q: 'kereta cep', relevant: ['kereta-cepat'] },
  { kind: 'prefix', q: 'penyu hij', relevant: ['penyu-bali'] },
  { kind: 'seed', q: 'bantuan militer Korea Utara', relevant: [SEED] },
  { kind: 'seed', q: 'penyerangan Ukraina', relevant: [SEED] },
  { kind: 'seed', q: 'meratifikasi kemitraan strategis', relevant: [SEED] },
  { kind: 'seed', q: 'pengiriman pasukan Korut', relevant: [SEED] },
];

/** English judged queries, written the same way. */
export const JUDGED_EN: readonly JudgedQuery[] = [
  { kind: 'morphology', q: 'flooding', relevant: ['banjir-jakarta', 'banjir-semarang'] },
  { kind: 'morphology', q: 'earthquakes', relevant: ['gempa-cianjur'] },
  { kind: 'morphology', q: 'vaccinating children', relevant: ['vaksin-campak'] },
  { kind: 'morphology', q: 'signing trade agreements', relevant: ['perjanjian-dagang'] },
  { kind: 'morphology', q: 'detained regent', relevant: ['suap-bupati'] },
  { kind: 'morphology', q: 'bribes', relevant: ['suap-bupati'] },
  { kind: 'morphology', q: 'rising rice price', relevant: ['harga-beras'] },
  { kind: 'morphology', q: 'exporting nickel', relevant: ['ekspor-nikel'] },
  { kind: 'morphology', q: 'fire spreading', relevant: ['kebakaran-hutan'] },
  { kind: 'morphology', q: 'repairing levees', relevant: ['banjir-semarang'] },
  { kind: 'morphology', q: 'election laws', relevant: ['uu-pemilu'] },
  { kind: 'multi-word', q: 'interest rate central bank', relevant: ['suku-bunga'] },
  { kind: 'multi-word', q: 'economic growth Sulawesi', relevant: ['ekspor-nikel'] },
  { kind: 'multi-word', q: 'scholarship recipients Europe', relevant: ['beasiswa'] },
  { kind: 'multi-word', q: 'remote villages internet', relevant: ['internet-desa'] },
  { kind: 'phrase', q: 'artificial intelligence', relevant: ['kecerdasan-buatan'] },
  { kind: 'phrase', q: 'toll road', relevant: ['macet-cikampek', 'debat-pilkada'] },
  { kind: 'phrase', q: 'plastic waste', relevant: ['penyu-bali'] },
  { kind: 'phrase', q: 'air quality', relevant: ['kebakaran-hutan'] },
  { kind: 'phrase', q: 'dengue fever', relevant: ['demam-berdarah'] },
  { kind: 'name', q: 'Kim Jong Un', relevant: [SEED, 'tag:kim-jong-un'] },
  { kind: 'name', q: 'Vladimir Putin', relevant: [SEED, 'tag:vladimir-putin'] },
  { kind: 'name', q: 'Shin Tae-yong', relevant: ['timnas'] },
  { kind: 'name', q: 'Rina Susanti', relevant: ['author:rina-susanti'] },
  { kind: 'name', q: 'Bank Indonesia', relevant: ['suku-bunga'] },
  { kind: 'name', q: 'Pekanbaru airport', relevant: ['kebakaran-hutan'] },
  { kind: 'typo', q: 'earthqake', relevant: ['gempa-cianjur'] },
  { kind: 'typo', q: 'vaccinaton', relevant: ['vaksin-campak'] },
  { kind: 'typo', q: 'scholarhsip', relevant: ['beasiswa'] },
  { kind: 'typo', q: 'parliment', relevant: ['uu-pemilu'] },
  { kind: 'tag-only', q: 'homecoming', relevant: ['macet-cikampek', 'tag:mudik-lebaran'] },
  { kind: 'tag-only', q: 'natural disasters', relevant: DISASTERS },
  { kind: 'prefix', q: 'high-speed ra', relevant: ['kereta-cepat'] },
  { kind: 'prefix', q: 'baby turt', relevant: ['penyu-bali'] },
  { kind: 'seed', q: 'North Korea defence pact', relevant: [SEED] },
  { kind: 'seed', q: 'troops for the Russia-Ukraine war', relevant: [SEED] },
  { kind: 'seed', q: 'ratifying strategic partnership', relevant: [SEED] },
  { kind: 'seed', q: 'military assistance', relevant: [SEED] },
];
