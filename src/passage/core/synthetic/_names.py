# ruff: noqa: RUF001 -- Cyrillic and Latin look-alike letters are the point of this table
"""Name pools per culture: given names (male, female) and family names.

Written from common knowledge of frequent names; every entry is a fact about naming, not
data copied from another project. Three entry formats, parsed by :mod:`.cultures`:

- ``native=LATIN`` or ``native=LATIN|VARIANT``: a name in a non-Latin script and the
  Latin forms passports print for it (variants are spelling habits, the first the most
  usual: ``محمد=MOHAMED|MOHAMMED|MUHAMMAD``);
- ``Native`` alone (Latin or Cyrillic): the MRZ form is derived with the ICAO 9303-3 §6
  tables (``Petrović`` → ``PETROVIC``, ``Шевченко`` → ``SHEVCHENKO``);
- entries are separated by whitespace; a multi-word name joins its parts with ``_``.
"""

from __future__ import annotations

from typing import Final

ETHIOPIC_M: Final = """
ጌታቸው=GETACHEW አበበ=ABEBE በቀለ=BEKELE ከበደ=KEBEDE ተስፋዬ=TESFAYE ኃይሌ=HAILE ሙሉጌታ=MULUGETA
ዮሐንስ=YOHANNES ደረጀ=DEREJE ግርማ=GIRMA ታደሰ=TADESSE መስፍን=MESFIN ሰለሞን=SOLOMON ዳዊት=DAWIT
ኤርሚያስ=ERMIAS ብርሃኑ=BIRHANU|BERHANU አለሙ=ALEMU ፍቅሩ=FIKRU ሀብታሙ=HABTAMU ተክሌ=TEKLE
አማኑኤል=AMANUEL ሳሙኤል=SAMUEL ዮናስ=YONAS ሄኖክ=HENOK ብሩክ=BIRUK ተመስገን=TEMESGEN
ወንድወሰን=WONDWOSSEN|WENDWESEN ንጉሴ=NIGUSE|NEGUSSIE አስፋው=ASFAW ደምሴ=DEMISSIE ወርቁ=WORKU
ጥላሁን=TILAHUN አዲሱ=ADDISU እንዳለ=ENDALE ሽፈራው=SHIFERAW ደሳለኝ=DESALEGN ታምራት=TAMRAT
ያሬድ=YARED ሚካኤል=MIKAEL ኪዳነ=KIDANE ተወልደ=TEWOLDE ገብረመድህን=GEBREMEDHIN
ገብረሚካኤል=GEBREMICHAEL|GEBREMIKAEL ኃይለማርያም=HAILEMARIAM ወልደማርያም=WOLDEMARIAM
አለማየሁ=ALEMAYEHU ሰይፉ=SEIFU ተሾመ=TESHOME ለማ=LEMMA|LEMA ግዛው=GIZAW መኮንን=MEKONNEN
በላይ=BELAY ዘሪሁን=ZERIHUN አብርሃም=ABRAHAM ይልማ=YILMA ወልዱ=WOLDU ተፈሪ=TEFERI
ብርሃነ=BERHANE ፀጋዬ=TSEGAYE ኢሳያስ=ISAIAS|ISAYAS ፍስሐ=FISEHA|FISSEHA ገብሩ=GEBRU
ሀጎስ=HAGOS መብራህቱ=MEBRAHTU ተስፋይ=TESFAI|TESFAY ዘርአይ=ZERAY ኪሮስ=KIROS
"""
ETHIOPIC_F: Final = """
ትዕግስት=TIGIST መሰረት=MESERET ሰላም=SELAM ሄለን=HELEN ብርቱካን=BIRTUKAN አልማዝ=ALMAZ
ፀሐይ=TSEHAY መቅደስ=MEKDES ሕይወት=HIWOT ቤተልሄም=BETELHEM|BETHLEHEM ራሔል=RAHEL ሳራ=SARA
ማርታ=MARTA ፋሲካ=FASIKA የሺ=YESHI ዘውዲቱ=ZEWDITU ወይንሸት=WOINSHET|WEYNSHET አበባ=ABEBA
ሩት=RUT ሊዲያ=LIDYA|LYDIA ኤደን=EDEN ቅድስት=KIDIST ሰብለ=SEBLE ፍሬሕይወት=FREHIWOT ሜሮን=MERON
ሐና=HANNA|HANA ማህሌት=MAHLET ፅጌ=TSIGE ለምለም=LEMLEM ብርሃን=BIRHAN ትርሲት=TIRSIT
አስቴር=ASTER ሙሉ=MULU ዓለም=ALEM ሰናይት=SENAIT|SENAYT ኤልሳ=ELSA ሳባ=SABA ምሕረት=MIHRET
ፍቅርተ=FIKIRTE ገነት=GENET ሉላ=LULA ወርቅነሽ=WORKNESH ጽጌረዳ=TSIGEREDA ሮዛ=ROZA
"""

ARABIC_M: Final = """
محمد=MOHAMED|MOHAMMED|MUHAMMAD|MOHAMMAD أحمد=AHMED|AHMAD علي=ALI عمر=OMAR|UMAR
حسن=HASSAN|HASAN حسين=HUSSEIN|HUSSAIN|HOUSSEIN إبراهيم=IBRAHIM|IBRAHEEM يوسف=YOUSSEF|YOUSEF|YUSUF
عبدالله=ABDALLAH|ABDULLAH|ABDELLAH خالد=KHALED|KHALID مصطفى=MUSTAFA|MOSTAFA|MUSTAPHA
عثمان=OSMAN|OTHMAN|USMAN إسماعيل=ISMAIL|ISMAEL سليمان=SULEIMAN|SLIMANE|SULAYMAN
عبدالرحمن=ABDELRAHMAN|ABDULRAHMAN|ABDERRAHMANE كريم=KARIM|KAREEM سعيد=SAID|SAEED
طارق=TARIQ|TAREK ياسين=YASSINE|YASIN حمزة=HAMZA رشيد=RACHID|RASHID|RASHEED نبيل=NABIL|NABEEL
جمال=JAMAL|DJAMEL منصور=MANSOUR|MANSUR عادل=ADEL|ADIL صالح=SALAH|SALEH فيصل=FAISAL|FAYSAL
ماجد=MAJED|MAJID بلال=BILAL سامي=SAMI وليد=WALID|WALEED زكريا=ZAKARIA|ZAKARIYA
إدريس=IDRISS|IDRIS|IDREES عبدالقادر=ABDELKADER|ABDULQADIR موسى=MOUSSA|MUSA|MOUSA
عيسى=ISSA|EISA هشام=HICHAM|HISHAM نور=NOUR|NOOR أنس=ANAS أيمن=AYMAN|AIMAN
جعفر=JAAFAR|JAFAR عمار=AMMAR مهدي=MAHDI|MEHDI سيف=SAIF|SEIF فهد=FAHD|FAHAD
ناصر=NASSER|NASER راشد=RASHED|RACHED حامد=HAMID|HAMED الطيب=ELTAYEB|TAYEB
الصادق=ELSADIG|SADEK بكري=BAKRI آدم=ADAM هارون=HAROUN|HAROUNE
"""
ARABIC_F: Final = """
فاطمة=FATIMA|FATMA|FATIMATA عائشة=AISHA|AICHA|AYSHA مريم=MARIAM|MARYAM|MERIEM خديجة=KHADIJA|KHADIDJA
زينب=ZEINAB|ZAINAB|ZEYNAB أمينة=AMINA|AMINATA سلمى=SALMA ليلى=LEILA|LAILA|LAYLA نور=NOUR|NOOR
هدى=HODA|HUDA سارة=SARA|SARAH ياسمين=YASMINE|YASMIN رانيا=RANIA|RANIYA حليمة=HALIMA
سعاد=SOUAD|SUAD نادية=NADIA|NADIYA سميرة=SAMIRA|SAMEERA منى=MONA|MUNA رقية=RUQAYA|ROKIA
إيمان=IMANE|IMAN أسماء=ASMA|ASMAA هاجر=HAJAR|HAGAR جميلة=JAMILA|DJAMILA لطيفة=LATIFA
نجلاء=NAJLA|NAGLAA سهام=SIHAM|SIHEM دعاء=DOAA|DUAA رحمة=RAHMA آمنة=AMNA|AMINA
شيماء=SHAIMAA|CHAIMAA غادة=GHADA وفاء=WAFAA|WAFA صفية=SAFIA|SAFIYA مروة=MARWA
هند=HIND|HINDE نوال=NAWAL عفاف=AFAF بشرى=BOUCHRA|BUSHRA إخلاص=EKHLAS|IKHLAS
"""
# Family names; Maghreb, Levant and Gulf names are inherited surnames.
ARABIC_MAGHREB_FAMILY: Final = """
بن_علي=BEN_ALI بنعلي=BENALI العلوي=ALAOUI|EL_ALAOUI بوزيد=BOUZID بلقاسم=BELKACEM
الإدريسي=IDRISSI|EL_IDRISSI بن_سالم=BEN_SALEM حداد=HADDAD منصوري=MANSOURI تازي=TAZI
بناني=BENNANI الفاسي=FASSI|EL_FASSI شريف=CHERIF زروال=ZEROUAL بوعزيزي=BOUAZIZI
العمراني=AMRANI|EL_AMRANI بلحاج=BELHADJ قاسمي=KACEMI|GASMI مسعودي=MESSAOUDI
الطرابلسي=TRABELSI|TARABULSI بن_يوسف=BEN_YOUSSEF سعيدي=SAIDI يحياوي=YAHYAOUI
"""
ARABIC_LEVANT_GULF_FAMILY: Final = """
الخطيب=AL_KHATIB|KHATIB حداد=HADDAD نصر=NASR خوري=KHOURY|KHOURI الأحمد=AL_AHMAD
المصري=AL_MASRI|MASRI الشامي=AL_SHAMI الحسيني=AL_HUSSEINI عباس=ABBAS يونس=YOUNES|YUNIS
القحطاني=AL_QAHTANI|ALQAHTANI العتيبي=AL_OTAIBI|ALOTAIBI الشمري=AL_SHAMMARI
الدوسري=AL_DOSARI|ALDOSSARI الغامدي=AL_GHAMDI الزهراني=AL_ZAHRANI المطيري=AL_MUTAIRI
الكعبي=AL_KAABI المزروعي=AL_MAZROUEI النعيمي=AL_NUAIMI سلامة=SALAMEH|SALAMA
عودة=ODEH|AWDA حمدان=HAMDAN الزعبي=AL_ZOUBI|ZOUBI
"""

LATIN_WEST_AFRICA_FR_M: Final = """
Moussa Mamadou Amadou Ousmane Boubacar Ibrahima Abdoulaye Souleymane Seydou Adama Issa
Oumar Lamine Cheikh Modibo Bakary Karim Idrissa Alassane Sékou Youssouf Aliou Salif
Hamidou Daouda Drissa Siaka Moustapha Fousseni Yacouba Tidiane Mahamadou Aboubacar
Ismaël Jean-Baptiste Pierre François Emmanuel Joseph Zakaria Harouna
"""
LATIN_WEST_AFRICA_FR_F: Final = """
Aminata Fatoumata Mariam Awa Kadiatou Aïssata Rokia Oumou Hawa Ramatou Djeneba Salimata
Mariama Adama Bintou Nafissatou Safiatou Assétou Korotoumou Ramata Sali Coumba Fanta
Ndeye Astou Khady Marie Awa Fatimata Zeinabou Habsatou Aïcha Haoua Rahinatou
"""
LATIN_WEST_AFRICA_FR_FAMILY: Final = """
Diallo Traoré Coulibaly Keïta Konaté Diarra Camara Touré Sow Ba Sylla Cissé Ouédraogo
Sawadogo Kaboré Compaoré Zongo Ndiaye Diop Fall Faye Gueye Sy Mbaye Kane Sarr Dembélé
Sangaré Koné Doumbia Maïga Cissoko Bâ Issoufou Mahamadou Moumouni Abdou Garba Hamani
Tandja Saley Boukary Djibo Kountché Seyni Zoungrana Nikiéma Ilboudo Tapsoba
"""
LATIN_WEST_AFRICA_EN_M: Final = """
Kwame Kofi Kwabena Yaw Kojo Emmanuel Samuel Daniel Michael David John Chinedu Chukwuemeka
Oluwaseun Babatunde Adewale Olumide Tunde Ifeanyi Obinna Musa Sani Aliyu Usman Yakubu
Abubakar Ibrahim Nnamdi Segun Femi Godwin Prince Isaac Ebenezer Francis Felix Richard
"""
LATIN_WEST_AFRICA_EN_F: Final = """
Ama Akosua Abena Efua Adwoa Esi Grace Blessing Mercy Patience Comfort Joy Gift Chioma
Ngozi Adaeze Funmilayo Folake Yetunde Aisha Hadiza Zainab Halima Amina Precious Esther
Deborah Ruth Victoria Gloria Priscilla Abigail Felicia Vivian Juliet Rita
"""
LATIN_WEST_AFRICA_EN_FAMILY: Final = """
Mensah Owusu Boateng Asante Osei Agyeman Appiah Darko Amoah Addo Ofori Acheampong Okafor
Okeke Okonkwo Eze Nwosu Obi Adeyemi Adebayo Ogunleye Balogun Olawale Bello Abubakar
Mohammed Yusuf Danjuma Ibrahim Suleiman Aliyu Garba Lawal Oyelaran Ojo Akinola
"""
LATIN_EAST_AFRICA_M: Final = """
Mohamed Abdi Hassan Ahmed Abdullahi Omar Ali Yusuf Abdirahman Mahad Farah Ismail Said
Abdikarim Liban Hamza Deng Garang Majok Kuol Akol Lual Chol John Peter James Joseph
Otieno Ochieng Kamau Mwangi Kipchoge Kiprop Wekesa Juma Baraka Brian Kevin Dennis
"""
LATIN_EAST_AFRICA_F: Final = """
Fadumo Hodan Amina Sahra Ayaan Hawa Ifrah Nimco Khadra Ubah Asha Sagal Hibo Nyandeng
Achol Abuk Ayen Nyibol Mary Rebecca Grace Akinyi Achieng Wanjiru Njeri Wambui Nyambura
Chebet Jepkosgei Faith Mercy Ann Joyce Zawadi Neema Rehema Halima
"""
LATIN_EAST_AFRICA_FAMILY: Final = """
Mohamed Abdi Hassan Ahmed Ali Omar Farah Warsame Jama Aden Hussein Osman Yusuf Nur
Abdullahi Ismail Elmi Dahir Deng Garang Majok Kuol Akol Mayen Dut Machar Kiir Lado
Otieno Ochieng Odhiambo Kamau Mwangi Njoroge Kariuki Kipchoge Kiprono Cheruiyot Wafula
Wekesa Mutua Musyoka Omondi Onyango
"""
LATIN_BALKAN_M: Final = """
Marko Nikola Stefan Luka Miloš Aleksandar Dragan Zoran Goran Milan Nenad Dejan Ivan
Petar Vladimir Dušan Bojan Željko Srđan Đorđe Mirko Predrag Slobodan Tomislav Josip
Ante Hrvoje Mario Emir Amar Adnan Haris Kenan Mirza Edin Senad Almir Jasmin Armin
Besnik Arben Ilir Florian Dritan Gentian Blerim Luan Valon
"""
LATIN_BALKAN_F: Final = """
Ana Milica Jelena Marija Ivana Jovana Dragana Snežana Tijana Nevena Katarina Maja
Mirjana Gordana Vesna Tatjana Branka Ljiljana Danijela Marina Petra Lucija Iva Nikolina
Amra Lejla Amina Emina Selma Aida Azra Merima Dženana Jasmina Elma Sabina Arta Blerta
Drita Vjosa Mimoza Teuta Albana Flutura Shqipe Jonida
"""
LATIN_BALKAN_FAMILY: Final = """
Petrović Jovanović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević
Popović Živković Todorović Kovačević Babić Marić Knežević Horvat Kovačić Novak Jurić
Vuković Perić Tomić Matić Božić Hodžić Hadžić Mehmedović Begović Delić Salihović
Kurtović Husić Ahmetović Mujić Čolić Šehić Hoxha Krasniqi Gashi Berisha Shala Morina
Kelmendi Bytyqi Hasani Çela Dervishi Llapi
"""
LATIN_LATAM_M: Final = """
José Juan Luis Carlos Jorge Miguel Andrés Alejandro Diego Santiago Sebastián Mateo
Felipe Ricardo Fernando Rafael Javier Eduardo Héctor Óscar João Pedro Lucas Gabriel
Thiago Gonçalo Mauricio Nicolás Tomás Joaquín Ramón Gustavo
"""
LATIN_LATAM_F: Final = """
María Ana Lucía Valentina Camila Sofía Isabella Daniela Gabriela Carolina Fernanda
Andrea Paula Natalia Mariana Ximena Juliana Beatriz Luísa Conceição Inês Adriana Patricia
Verónica Mónica Claudia Rosa Guadalupe Florencia Agustina
"""
LATIN_LATAM_FAMILY: Final = """
García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Díaz Hernández
Álvarez Jiménez Ramírez Torres Flores Rivera Vargas Castillo Ortiz Silva Santos Oliveira
Souza Pereira Gonçalves Araújo Ribeiro Carvalho Almeida Muñoz Rojas Peña Núñez Castro
"""
LATIN_EUROPE_M: Final = """
Thomas Lukas Jonas Maximilian Felix Jan Tobias Florian Stefan Michael Jean Pierre Louis
Nicolas Antoine Julien Mathieu François Luca Marco Giuseppe Alessandro Matteo Giovanni
James Oliver Harry George William Lars Sven Björn Søren Jürgen Jörg Wojciech Łukasz
"""
LATIN_EUROPE_F: Final = """
Anna Laura Julia Sophie Lena Katharina Hannah Marie Camille Chloé Élodie Léa Manon
Giulia Francesca Chiara Sara Alessia Emma Olivia Charlotte Amelia Ingrid Astrid Åsa
Małgorzata Agnieszka Zoë Renée Sinéad Siobhán
"""
LATIN_EUROPE_FAMILY: Final = """
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schäfer Köhler Martin Bernard
Dubois Thomas Robert Richard Petit Durand Lefèvre Moreau Rossi Russo Ferrari Esposito
Bianchi Romano Colombo Smith Jones Williams Brown Taylor O'Brien Murphy Jansen de_Vries
van_den_Berg Nielsen Hansen Johansson Andersson Kowalski Nowak Wiśniewski Dąbrowski
Ødegård Grünewald
"""
LATIN_TURKISH_M: Final = """
Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Emre
Burak Serkan Gökhan Çağlar Uğur Oğuz Şahin
"""
LATIN_TURKISH_F: Final = """
Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Sultan Özlem Gül Büşra Esra Tuğba
Çiğdem Gülşen Songül Nurcan
"""
LATIN_TURKISH_FAMILY: Final = """
Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç
Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz
"""
LATIN_ASIA_M: Final = """
Rahul Amit Suresh Rajesh Vijay Arjun Sanjay Mohammed Abdul Imran Jose Mark John Paolo
Ramon Rodel Jun Nguyen_Van Minh Tuan
"""
LATIN_ASIA_F: Final = """
Priya Anjali Sunita Pooja Lakshmi Fatima Nasreen Maria_Cristina Rowena Jocelyn Marites
Rosalie Lan Huong Mai
"""
LATIN_ASIA_FAMILY: Final = """
Sharma Kumar Singh Patel Nair Reddy Gupta Khan Hossain Rahman Ahmed Santos Reyes Cruz
Bautista Dela_Cruz Garcia Mendoza Nguyen Tran Le Pham
"""

CYRILLIC_RUSSIAN_M: Final = """
Александр Сергей Дмитрий Андрей Алексей Максим Иван Михаил Артём Николай Владимир Евгений
Павел Юрий Олег Игорь Роман Константин Виктор Денис Антон Кирилл Егор Никита Георгий
Василий Фёдор Григорий Станислав Вячеслав Тимур Илья Борис Леонид Анатолий Аркадий
"""
CYRILLIC_RUSSIAN_F: Final = """
Анна Мария Елена Ольга Татьяна Наталья Ирина Светлана Екатерина Юлия Анастасия Дарья
Ксения Виктория Людмила Галина Валентина Надежда Марина Полина Алина Вера Любовь
Софья Алёна Евгения Кристина Лариса Зоя Жанна
"""
# Family names in their masculine form; feminine forms are derived (-ов → -ова, -ий → -ая).
CYRILLIC_RUSSIAN_FAMILY: Final = """
Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов
Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев
Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв
Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков
Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Щербаков
Чернов Хабибуллин Юсупов Шевелёв Ершов Абрамов Климов Высоцкий Чайковский Успенский
"""
CYRILLIC_ARMENIAN_RU_FAMILY: Final = """
Арутюнян Петросян Саргсян Акопян Григорян Оганесян Карапетян Мартиросян Геворкян
Аветисян Манукян Симонян Ованесян Багдасарян Варданян Хачатрян Мкртчян Айвазян
Тер-Петросян Казарян
"""
CYRILLIC_ARMENIAN_RU_M: Final = """
Арам Армен Ашот Гагик Давид Карен Левон Тигран Ованес Саркис Вардан Гурген Артур Рубен
Самвел Норайр Гарик Арсен Эдгар Вазген
"""
CYRILLIC_ARMENIAN_RU_F: Final = """
Анаит Гаянэ Ануш Лилит Нарине Карине Армине Сона Мариам Асмик Астгик Римма Гоар
Сирануш Нунэ Эльмира Тамара Зара Ани Лусине
"""
CYRILLIC_UKRAINIAN_M: Final = """
Олександр Андрій Сергій Дмитро Юрій Володимир Микола Іван Віктор Олег Василь Петро
Богдан Тарас Ярослав Максим Євген Роман Степан Остап Григорій Павло Михайло Віталій
"""
CYRILLIC_UKRAINIAN_F: Final = """
Олена Наталія Тетяна Ірина Оксана Юлія Світлана Людмила Марія Ганна Катерина Галина
Олександра Вікторія Софія Дарина Надія Леся Христина Зоряна Соломія Ольга
"""
CYRILLIC_UKRAINIAN_FAMILY: Final = """
Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Коваль Поліщук
Бойко Мельник Ткачук Савченко Руденко Мороз Лисенко Марченко Петренко Кравчук Мазур
Павленко Гончаренко Левченко Захарченко Романюк Гнатюк Климчук Остапчук Литвиненко
Кононенко Приходько Ковальчук Кузьменко Яковенко Данилюк
"""
CYRILLIC_SERBIAN_M: Final = """
Марко Никола Стефан Лука Милош Александар Драган Зоран Горан Милан Ненад Дејан Иван
Петар Владимир Душан Бојан Жељко Срђан Ђорђе Мирко Предраг Слободан Небојша Вук
"""
CYRILLIC_SERBIAN_F: Final = """
Ана Милица Јелена Марија Ивана Јована Драгана Снежана Тијана Невена Катарина Маја
Мирјана Гордана Весна Татјана Бранка Љиљана Данијела Биљана Јасмина Сања
"""
CYRILLIC_SERBIAN_FAMILY: Final = """
Петровић Јовановић Николић Марковић Ђорђевић Стојановић Илић Станковић Павловић
Милошевић Поповић Живковић Тодоровић Ковачевић Бабић Марић Кнежевић Вуковић Лукић
Митровић Радовановић Симић Обрадовић Томић Стевановић Ђукић Јанковић Милић Костић Гајић
"""

ARMENIAN_M: Final = """
Հայկ=HAYK Արամ=ARAM Արմեն=ARMEN Աշոտ=ASHOT Գագիկ=GAGIK Դավիթ=DAVIT Կարեն=KAREN
Լևոն=LEVON Տիգրան=TIGRAN Հովհաննես=HOVHANNES Սարգիս=SARGIS Վարդան=VARDAN Արթուր=ARTUR
Ռուբեն=RUBEN Սամվել=SAMVEL Նարեկ=NAREK Գոռ=GOR Էդգար=EDGAR Վահե=VAHE Մհեր=MHER
"""
ARMENIAN_F: Final = """
Անահիտ=ANAHIT Գայանե=GAYANE Անուշ=ANUSH Լիլիթ=LILIT Նարինե=NARINE Կարինե=KARINE
Արմինե=ARMINE Սոնա=SONA Մարիամ=MARIAM Հասմիկ=HASMIK Աստղիկ=ASTGHIK Գոհար=GOHAR
Նունե=NUNE Լուսինե=LUSINE Անի=ANI Սիրանուշ=SIRANUSH Տաթևիկ=TATEVIK Մանե=MANE
"""
ARMENIAN_FAMILY: Final = """
Հարությունյան=HARUTYUNYAN Պետրոսյան=PETROSYAN Սարգսյան=SARGSYAN Հակոբյան=HAKOBYAN
Գրիգորյան=GRIGORYAN Հովհաննիսյան=HOVHANNISYAN Կարապետյան=KARAPETYAN
Մարտիրոսյան=MARTIROSYAN Գևորգյան=GEVORGYAN Ավետիսյան=AVETISYAN Մանուկյան=MANUKYAN
Սիմոնյան=SIMONYAN Բաղդասարյան=BAGHDASARYAN Վարդանյան=VARDANYAN Խաչատրյան=KHACHATRYAN
Մկրտչյան=MKRTCHYAN Այվազյան=AYVAZYAN Ղազարյան=GHAZARYAN Մելքոնյան=MELKONYAN
"""
