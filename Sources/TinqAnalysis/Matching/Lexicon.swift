/// The analyser's built-in word lists (page layout and entity vocabulary). Topic cues are not
/// here: they live in the taxonomy file.
enum Lexicon {
    /// Whole lines where the article ends and the page's tail begins.
    static let tailLines: [String] = [
        "Bài viết hay? Hãy đánh giá bài viết", "Có thể bạn quan tâm", "Nên xem", "Tin khác", "Tin liên quan",
        "Bài liên quan", "Tin cùng chuyên mục", "Bình luận", "Xem thêm", "Phiên bản di động", "Ý kiến",
        "Ý kiến bạn đọc", "Gửi bình luận", "Gửi ý kiến", "Đọc thêm", "Tin mới", "Tin mới nhất", "Tin nổi bật",
        "Tin đọc nhiều", "Đọc nhiều", "Xem nhiều", "Bài đọc nhiều", "Cùng chuyên mục", "Các tin khác",
        "Những tin khác", "Tin tức khác", "Bài viết liên quan", "Tin bài liên quan", "Từ khóa", "Tags", "Tag",
        "Chia sẻ", "Chia sẻ bài viết", "In bài viết", "Về đầu trang", "Đầu trang", "Bạn đọc bình luận",
        "Viết bình luận", "Bình luận của bạn", "Thông tin tòa soạn", "Liên hệ quảng cáo",
    ]

    /// Line starts that mark the tail whatever follows ("Tin liên quan: ...").
    static let tailPrefixes: [String] = [
        "Bài viết hay?", "Tin liên quan:", "Xem thêm:", "Đọc thêm:", "Bài liên quan:", "Từ khóa:", "Tags:",
        "Tag:", "Bản quyền thuộc", "Copyright", "© ", "Chọn ngày:",
    ]

    /// In-body UI lines (video players, avatars): dropped, never a paragraph.
    static let noiseLinePrefixes: [String] = [
        "Video Player is loading", "Current Time", "Duration", "Loaded:", "Stream Type", "Remaining Time",
        "Play Video", "Playback Rate", "Chapters", "Descriptions", "Captions", "Audio Track", "Fullscreen",
        "This is a modal window", "Beginning of dialog window", "End of dialog window", "user image", "User",
        "1x", "Mute", "Unmute", "Quảng cáo", "Advertisement", "Chọn ngày:", "/", "Ảnh minh họa", "Video:",
    ]

    /// Honorifics before a name (not reported as titles).
    static let honorifics: [String] = [
        "ông", "bà", "đồng chí", "ngài", "đ/c",
    ]

    /// Familiar forms of address, kinship words and roles in a story ("anh", "chị", "cháu", "bị
    /// cáo", "nạn nhân") before a name: like ``honorifics`` no title, and the name must follow
    /// directly. Unlike "ông" and "bà" they are syllables of names too ("Tuấn Anh", "Anh Đào"),
    /// so they never end one. Common words that seldom come before a name ("em", "cô", "bé",
    /// "cụ", "nạn nhân", "thí sinh": one time in twenty or less) are left out: each occurrence
    /// costs a match.
    static let familiarHonorifics: [String] = [
        "anh", "chị", "cháu", "bà xã", "ông xã", "bị cáo", "bị can", "nghi can", "nghi phạm", "đối tượng",
        "nhân chứng",
    ]

    /// Heads of personal titles; the title runs from here to the person's name.
    static let personTitles: [String] = [
        "Tổng Bí thư", "Chủ tịch nước", "Phó Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng",
        "Thứ trưởng", "Bí thư", "Phó Bí thư", "Ủy viên", "Chủ tịch", "Phó Chủ tịch", "Trưởng ban",
        "Phó Trưởng ban", "Trưởng Ban", "Phó trưởng ban", "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc",
        "Phó Tổng Giám đốc", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chánh án", "Phó Chánh án",
        "Viện trưởng", "Phó Viện trưởng", "Hiệu trưởng", "Phó Hiệu trưởng", "Cục trưởng", "Phó Cục trưởng",
        "Tổng cục trưởng", "Vụ trưởng", "Phó Vụ trưởng", "Tư lệnh", "Phó Tư lệnh", "Chính ủy", "Phó Chính ủy",
        "Tham mưu trưởng", "Chỉ huy trưởng", "Đồn trưởng", "Chủ nhiệm", "Phó Chủ nhiệm", "Tổng Thư ký",
        "Tổng thư ký", "Đại sứ", "Tổng thống", "Phó Tổng thống", "Người phát ngôn", "Trưởng đoàn",
        "Phó Trưởng đoàn", "Đại biểu Quốc hội", "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng",
        "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy", "Giáo sư", "Phó Giáo sư", "GS", "PGS", "TS",
        "ThS", "BS", "GS.TS", "PGS.TS", "Tiến sĩ", "Bác sĩ", "Nhà báo", "Nghệ sĩ Nhân dân", "Nghệ sĩ Ưu tú",
        "NSND", "NSƯT", "Trưởng phòng", "Phó Trưởng phòng", "Trưởng Công an", "Phó Trưởng Công an",
        "Trưởng thôn", "Tổ trưởng", "Thường trực", "Phó Thủ trưởng", "Thủ trưởng", "Chủ tịch UBND",
        "Chủ tịch HĐND", "Luật sư", "Thẩm phán", "Kiểm sát viên", "Đại biểu", "Nữ hoàng", "Quốc vương",
        "Hoàng hậu", "Thái tử",
        "Thủ hiến", "Ngoại trưởng", "Phó Tổng Bí thư", "Chánh Thanh tra", "Phó Chánh Thanh tra", "Trưởng khoa",
        "Phó Trưởng khoa", "Trưởng Đại diện", "Tổng Lãnh sự", "Lãnh sự", "Trưởng Phòng", "Phó Trưởng Phòng",
        "Phó Trưởng Ban",
        // Professions, ranks and honorary titles written before a name.
        "Tiến sỹ", "Thạc sĩ", "Thạc sỹ", "Kỹ sư", "Kiến trúc sư", "Bác sỹ", "Dược sĩ", "Nhạc sĩ", "Ca sĩ",
        "Họa sĩ", "Nhà văn", "Nhà thơ", "Nhà nghiên cứu", "Nhà khoa học", "Nhà sử học", "Đạo diễn", "Diễn viên",
        "Tác giả", "Phóng viên", "Biên tập viên", "Giảng viên", "Giáo viên", "Nghệ nhân", "Nghệ nhân Ưu tú",
        "Nghệ nhân Nhân dân", "Nhà giáo Nhân dân", "Nhà giáo Ưu tú", "Thầy thuốc Nhân dân", "Thầy thuốc Ưu tú",
        "Anh hùng Lao động", "Anh hùng Lực lượng vũ trang nhân dân", "Mẹ Việt Nam Anh hùng", "Cựu chiến binh",
        "Huấn luyện viên", "HLV", "Phi công", "Thượng úy", "Trung úy", "Thiếu úy", "Thượng sĩ", "Trung sĩ",
        "Hạ sĩ", "Hoa hậu", "Á hậu", "Người mẫu", "Siêu mẫu", "MC",
    ]

    /// Professions, ranks, degrees and roles written before a name ("tiền vệ", "chuyên gia",
    /// "Chuẩn Đô đốc"): titles of a person like ``personTitles``, but not the officials a topic
    /// cue waits for ("gặp" + a title), so they are a kind of their own. One-syllable words that
    /// end longer ones are left out ("tướng" of "Thủ tướng", "kiện tướng"; "kỳ thủ" in "nhiệm kỳ
    /// Thủ tướng"), and so are common words that seldom come before a name ("tay vợt", "nhà sản
    /// xuất": one time in twenty or less; "cầu thủ" is kept for the sports pages).
    static let occupations: [String] = [
        // Ranks: army, navy and police.
        "Chuẩn úy", "Binh nhất", "Binh nhì", "Đô đốc", "Phó Đô đốc", "Chuẩn Đô đốc", "Chiến sĩ",
        // Academic degrees and honours, spelled out or abbreviated.
        "Viện sĩ", "TSKH", "GS.TSKH", "PGS.TSKH", "Nghiên cứu sinh", "NCS", "KTS", "ThS.BS", "BSCKI", "BSCKII",
        "BS.CKI", "BS.CKII", "TTND", "TTƯT", "NGND", "NGƯT", "Nhà giáo",
        // Occupations in the arts, letters and the media.
        "Nghệ sĩ", "Nghệ sỹ", "Ca sỹ", "Nhạc sỹ", "Họa sỹ", "Danh ca", "Danh hài", "Tài tử", "Biên kịch",
        "Nhiếp ảnh gia", "Nhà thiết kế", "Nhà phê bình", "Nhà soạn nhạc", "Nhà ngoại giao",
        "Nhà hoạt động", "Nhà kinh tế", "Nhà văn hóa", "Tổng Biên tập", "Phó Tổng Biên tập", "Thư ký",
        // Sport.
        "Cầu thủ", "Tiền vệ", "Tiền đạo", "Hậu vệ", "Trung vệ", "Thủ môn", "Thủ thành", "Vận động viên", "VĐV",
        "Võ sĩ", "Võ sư", "Chưởng môn", "Xạ thủ", "Đội trưởng", "Phó Đội trưởng", "Ông bầu",
        // Other occupations and offices.
        "Chuyên gia", "Doanh nhân", "Tỷ phú", "Tài xế", "Lái xe", "Ngư dân", "Thuyền trưởng", "Cơ trưởng",
        "Y tá", "Điều dưỡng", "Y sĩ", "Nha sĩ", "Cô giáo", "Thầy giáo", "Thống đốc", "Phó Thống đốc",
        "Điều tra viên", "Thanh tra viên", "Chấp hành viên", "Trưởng ấp", "Trưởng bản", "Trưởng xóm",
        "Trạm trưởng", "Hạt trưởng", "Thị trưởng", "Thượng nghị sĩ", "Hạ nghị sĩ",
        // Clergy.
        "Hòa thượng", "Thượng tọa", "Đại đức", "Ni sư", "Linh mục", "Giám mục", "Mục sư", "Nhà sư", "Sư thầy",
    ]

    /// Heads of organisation names.
    static let organisationHeads: [String] = [
        "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ",
        "Ủy ban Thường vụ Quốc hội", "Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc", "Ủy ban nhân dân", "UBND",
        "HĐND", "Hội đồng nhân dân", "Quận ủy", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Thị ủy",
        "Ban Dân vận", "Ban Tuyên giáo", "Ban Tổ chức", "Ban Nội chính", "Ban Kinh tế", "Ban Thường vụ",
        "Ban Chỉ đạo", "Ban Đảng", "Văn phòng", "Sở", "Bộ", "Cục", "Tổng cục", "Viện", "Đại học",
        // A school says what kind it is ("Trường Sơn", "Trường Sa" and "Trường Chinh" are no schools).
        "Trường Đại học", "Trường Cao đẳng", "Trường Trung cấp", "Trường THPT", "Trường THCS", "Trường Tiểu học",
        "Trường Mầm non", "Trường Phổ thông", "Trường Trung học", "Trường Chính trị", "Trường Sĩ quan",
        "Trường Quân sự", "Trường Văn hóa", "Trường Nghiệp vụ", "Trường Dạy nghề",
        "Học viện", "Bệnh viện", "Công an", "Bộ đội Biên phòng", "Bộ Chỉ huy", "Quân khu", "Quân đoàn",
        "Sư đoàn", "Trung đoàn", "Tòa án nhân dân", "Viện Kiểm sát nhân dân", "Liên đoàn Lao động",
        "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh", "Đoàn Thanh niên", "Tỉnh đoàn",
        "Thành đoàn", "Công ty", "Tổng công ty", "Tập đoàn", "Ngân hàng", "Trung tâm", "Hiệp hội",
        "Liên hiệp", "Thông tấn xã Việt Nam", "TTXVN", "Đảng bộ", "Chi bộ", "Trung ương Đảng", "MTTQ",
        "Ủy ban Kiểm tra", "Ban Quản lý", "Kho bạc", "Thanh tra", "Liên hợp quốc", "Hội đồng", "Câu lạc bộ",
    ]

    /// Organisation heads that are complete names by themselves.
    static let standaloneOrganisations: Set<String> = [
        "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ", "Ủy ban Thường vụ Quốc hội",
        "Mặt trận Tổ quốc", "Thông tấn xã Việt Nam", "TTXVN", "Trung ương Đảng", "Liên hợp quốc", "UBND", "HĐND",
        "MTTQ", "Quận ủy", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Thị ủy", "Ban Dân vận", "Ban Tuyên giáo",
        "Ban Tổ chức", "Ban Nội chính", "Ban Kinh tế", "Ban Thường vụ", "Bộ đội Biên phòng",
    ]

    /// Full names of ministries and of the provincial departments that mirror them ("Bộ Văn hóa,
    /// Thể thao và Du lịch", "Sở Giao thông vận tải"): names with commas, hyphens or lower-case
    /// words that the capitalised-word rules would cut short.
    static let ministryNames: [String] = {
        let domains = [
            "Văn hóa, Thể thao và Du lịch", "Văn hóa - Thể thao và Du lịch", "Văn hóa, Thể thao & Du lịch",
            "Văn hóa Thể thao và Du lịch", "Văn hóa và Thể thao", "Lao động - Thương binh và Xã hội",
            "Lao động-Thương binh và Xã hội", "Lao động, Thương binh và Xã hội", "Lao động Thương binh và Xã hội",
            "Giao thông vận tải", "Giao thông - Vận tải", "Nông nghiệp và Phát triển nông thôn",
            "Nông nghiệp và Môi trường", "Tài nguyên và Môi trường", "Tài nguyên - Môi trường",
            "Thông tin và Truyền thông", "Khoa học và Công nghệ", "Kế hoạch và Đầu tư", "Giáo dục và Đào tạo",
            "Giáo dục - Đào tạo", "Dân tộc và Tôn giáo",
        ]
        return ["Bộ", "Sở"].flatMap { head in domains.map { head + " " + $0 } }
    }()

    /// Words that say what kind of place the following name is.
    static let placeKinds: [(String, String)] = [
        ("quận", "quận"), ("huyện", "huyện"), ("phường", "phường"), ("xã", "xã"), ("tỉnh", "tỉnh"),
        ("thành phố", "thành phố"), ("thị xã", "thị xã"), ("thị trấn", "thị trấn"), ("TP", "thành phố"),
        ("TP.", "thành phố"), ("thôn", "thôn"), ("tổ dân phố", "tổ dân phố"),
    ]

    /// Provinces and cities, regions and countries that stand alone.
    static let placeNames: [(String, String)] =
        [
            "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "TP.HCM", "TP HCM", "TP. HCM", "TPHCM",
            "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Sài Gòn", "An Giang",
            "Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
            "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông",
            "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương",
            "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
            "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
            "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
            "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Thừa Thiên - Huế", "Huế",
            "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Vũng Tàu", "Nha Trang",
            "Đà Lạt",
        ].map { ($0, "tỉnh/thành phố") }
        + ["miền Trung", "miền Bắc", "miền Nam", "Tây Nguyên", "Tây Bắc", "Đồng bằng sông Cửu Long", "Nam Bộ",
            "Bắc Bộ", "Trung Bộ",
        ].map { ($0, "vùng") }
        + ["châu Á", "châu Âu", "châu Phi", "châu Mỹ", "châu Úc"].map { ($0, "châu lục") }
        + ["Thái Bình Dương", "Đại Tây Dương", "Ấn Độ Dương", "Bắc Băng Dương"].map { ($0, "đại dương") }
        + ["Việt Nam", "Trung Quốc", "Mỹ", "Hoa Kỳ", "Nga", "Nhật Bản", "Hàn Quốc", "Triều Tiên", "Lào",
            "Campuchia", "Thái Lan", "Pháp", "Đức", "Ấn Độ", "Australia", "Singapore", "Myanmar",
            "Malaysia", "Indonesia", "Philippines", "Ukraine", "Cuba", "Italy", "Canada", "Israel", "Iran", "Vương quốc Anh", "nước Anh",
            "Syria", "Iraq", "Thổ Nhĩ Kỳ", "Brazil", "Tây Ban Nha", "Hà Lan", "Bỉ", "Thụy Điển", "Thụy Sĩ",
            "Ai Cập", "Qatar", "Saudi Arabia", "Mông Cổ", "Đài Loan", "Hong Kong", "Hồng Kông",
            // Europe ("Áo", Austria, only with its prefix: "áo" is a garment at a sentence's start).
            "Bồ Đào Nha", "Ba Lan", "Hy Lạp", "Đan Mạch", "Na Uy", "Phần Lan", "Ireland", "Scotland",
            "nước Áo", "Cộng hòa Áo", "Cộng hòa Séc", "CH Séc", "Séc", "Slovakia", "Hungary", "Romania",
            "Bulgaria", "Belarus", "Serbia", "Croatia", "Slovenia", "Estonia", "Latvia", "Litva", "Lithuania",
            "Luxembourg", "Iceland", "Albania", "Moldova", "Armenia", "Azerbaijan", "Montenegro",
            "Bắc Macedonia", "Malta", "Monaco", "Vatican",
            // The Americas.
            "Argentina", "Mexico", "Chile", "Colombia", "Peru", "Venezuela", "Ecuador", "Bolivia", "Uruguay",
            "Paraguay", "Panama", "Costa Rica", "Nicaragua", "Honduras", "Guatemala", "El Salvador", "Jamaica",
            "Haiti",
            // Africa.
            "Nam Phi", "Nigeria", "Kenya", "Ethiopia", "Algeria", "Maroc", "Morocco", "Tunisia", "Libya",
            "Sudan", "Nam Sudan", "Angola", "Mozambique", "Tanzania", "Uganda", "Ghana", "Senegal", "Cameroon",
            "Zimbabwe", "Zambia", "Rwanda", "Madagascar", "Bờ Biển Ngà", "Congo", "Somalia", "Namibia",
            // Asia and the Middle East ("Jordan" and "Georgia" are left out: as often people's names).
            "Pakistan", "Bangladesh", "Sri Lanka", "Nepal", "Bhutan", "Maldives", "Afghanistan", "Kazakhstan",
            "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Brunei", "Đông Timor", "Timor-Leste",
            "Palestine", "Lebanon", "Kuwait", "UAE", "Ả Rập Xê Út", "Các Tiểu vương quốc Ả Rập Thống nhất",
            "Yemen", "Oman", "Bahrain",
            // Oceania.
            "New Zealand", "Fiji", "Papua New Guinea",
        ].map { ($0, "quốc gia") }

    /// Document types that take a number ("Nghị quyết số 25-NQ/TW").
    static let documentTypes: [String] = [
        "Nghị quyết", "Quyết định", "Kết luận", "Chỉ thị", "Quy định", "Thông tư", "Nghị định", "Luật",
        "Hướng dẫn", "Kế hoạch", "Công văn", "Thông báo", "Quy chế", "Thông tư liên tịch", "Pháp lệnh",
        "Lệnh", "Công điện", "Đề án", "Chương trình",
    ]

    /// Document types that also stand as names without a number ("Quy chế dân chủ ở cơ sở").
    static let namedDocumentTypes: [String] = ["Quy chế", "Luật", "Bộ luật", "Hiến pháp"]

    /// Words that introduce an event date ("Sáng 16/10", "Chiều nay, 31/7").
    static let dayParts: [String] = [
        "sáng", "chiều", "trưa", "tối", "đêm", "ngày", "hôm", "sáng nay", "chiều nay", "trưa nay", "tối nay",
        "đêm nay", "hôm nay", "sáng qua", "chiều qua", "tối qua", "đêm qua", "hôm qua", "rạng sáng", "sáng sớm",
    ]

    /// Two-syllable words of organisation names whose second syllable is written in lower case
    /// ("Ban Nội chính Trung ương", "Bộ Công an", "Học viện Chính trị quốc gia"): an
    /// organisation name runs on through them, where a lower-case word otherwise ends it.
    static let nameCompounds: [String] = [
        "trung ương", "chính trị", "quốc gia", "nội chính", "tuyên giáo", "dân vận", "tổ chức", "kiểm tra",
        "thường vụ", "thường trực", "chính phủ", "quốc hội", "nhà nước", "nhân dân", "mặt trận", "tổ quốc",
        "công an", "quân đội", "quốc phòng", "biên phòng", "cảnh sát", "hải quan", "ngoại giao", "nội vụ",
        "tư pháp", "tài chính", "kế hoạch", "đầu tư", "công thương", "xây dựng", "giao thông", "vận tải",
        "nông nghiệp", "phát triển", "nông thôn", "tài nguyên", "môi trường", "giáo dục", "đào tạo",
        "khoa học", "công nghệ", "thông tin", "truyền thông", "văn hóa", "thể thao", "du lịch", "y tế",
        "lao động", "thương binh", "xã hội", "tiền lương", "quan hệ", "hỗ trợ", "kinh tế", "đối ngoại",
        "ngân hàng", "kiểm toán", "thanh tra", "hành chính", "lý luận", "báo chí", "tuyên truyền",
        "phụ nữ", "thanh niên", "cựu chiến", "chiến binh", "nông dân", "công đoàn", "dân tộc", "tôn giáo",
        "hội đồng", "liên hiệp", "hợp tác", "hữu nghị", "doanh nghiệp", "thương mại", "công nghiệp",
        "điện lực", "bưu điện", "viễn thông", "phát thanh", "truyền hình", "thời báo", "tạp chí",
        "nghiên cứu", "chiến lược", "quy hoạch", "thủy lợi", "lâm nghiệp", "thủy sản", "an ninh",
        "trật tự", "phòng cháy", "chữa cháy", "cứu hộ", "cứu nạn", "thi hành", "án dân", "dân sự",
        "hình sự", "quân sự", "quân khu", "học viện", "đại học", "cao đẳng", "trung học", "tiểu học",
        "bệnh viện", "sư phạm", "bách khoa", "ngoại ngữ", "ngoại thương", "luật sư", "nhà báo",
        "văn nghệ", "nghệ thuật", "mỹ thuật", "âm nhạc", "điện ảnh", "chữ thập", "khuyến học",
        "người cao", "cao tuổi", "cựu giáo", "giáo chức", "từ thiện", "bảo hiểm", "bảo vệ", "thống kê",
        "thuế vụ", "dự trữ", "kho bạc", "tòa án", "viện kiểm", "kiểm sát", "tối cao", "thẩm phán",
        "quốc tế", "nhân văn", "đô thị", "năng lượng", "dầu khí", "hàng không", "hàng hải", "đường sắt",
        "đa khoa", "cổ phần", "trách nhiệm", "hữu hạn", "quản lý", "dự báo", "tin học", "điều tra",
        "điều hành", "giám sát", "kiểm soát", "kiểm định", "thị trường", "chất lượng", "tiêu chuẩn",
        "đo lường", "khí tượng", "thủy văn", "cấp cứu", "phục hồi", "chức năng", "dịch vụ",
        "xuất khẩu", "nhập khẩu", "cảnh vệ", "tình báo", "phòng chống", "hậu cần", "kỹ thuật",
        "cộng sản", "thủ đô", "quân chủng", "binh chủng", "tham mưu",
    ]

    /// Words that join two parts of one organisation's name ("Bộ Kế hoạch và Đầu tư") when one of
    /// ``nameCompounds``, capitalised, follows (so "Bộ Quốc phòng và Ủy ban ..." stays two).
    static let nameJoiners: [String] = ["và"]

    /// Abbreviations written with a dot inside a sentence: place and degree prefixes ("TP. HCM",
    /// "Q. 1", "PGS. Lê"). A person's initial is not one: "anh Nguyễn Văn A." ends a sentence.
    static let sentenceAbbreviations: [String] = ["Q", "P", "TP", "TX", "TT", "GS", "PGS", "TS", "ThS", "BS"]

    /// Discourse connectors that open a sentence before a comma ("Vì thế, công tác dân vận ..."):
    /// what follows is the sentence's subject, not an item of a list.
    static let discourseConnectors: [String] = [
        "vì thế", "vì vậy", "do đó", "do vậy", "theo đó", "tuy nhiên", "ngoài ra", "bên cạnh đó", "đồng thời",
        "qua đó", "từ đó", "nhờ đó", "mặt khác", "hiện nay", "trong đó", "cụ thể", "vì thế mà", "thời gian qua",
        "những năm qua", "năm qua", "trước đó", "sau đó",
    ]

    /// Words that put a capitalised run in a company's, club's or paper's name, or an article or
    /// a form of address before one: no foreign person's name ("The Hague", "Ocean Bank", "Man
    /// City", "Mr Siro").
    static let foreignNameBreakers: [String] = [
        "the", "mr", "mrs", "ms", "dr", "bank", "city", "united", "group", "airlines", "airways", "land", "corp",
        "company", "club", "fc", "inc", "ltd", "holdings", "motors", "media", "news", "times", "post", "milan",
        "madrid", "hollywood",
    ]

    /// Lower-case particles inside a foreign name, before the capitalised word they belong to
    /// ("Mohammed bin Salman", "Louis van Gaal", "Ursula von der Leyen", "David de Gea").
    static let foreignNameParticles: [String] = ["bin", "ibn", "van", "von", "der", "de", "da", "di", "dos", "del"]

    /// Words that open an adverbial phrase set before a sentence's subject ("Để có con đường,
    /// ...", "Theo ông A, ...", "Sau khi ..., ..."): after its comma comes the subject, which a
    /// cue running on as a clause is, no item of a list. One or two words.
    static let adverbialOpenings: [String] = [
        "để", "theo", "sau khi", "trước khi", "khi", "nhờ", "với", "do", "vì", "tại", "trong", "từ", "qua",
        "bên cạnh", "ngoài ra", "nhằm", "muốn", "dù", "mặc dù", "nếu",
    ]

    /// Words that open a sentence or a phrase and are no syllable of a name: pronouns, words of
    /// time and order, conjunctions ("Nguyễn Xuân Cường Ngày 5/6 ...", "... Thùy Dung Trước đó").
    /// After three syllables of a name they begin what follows it.
    static let sentenceOpeners: [String] = [
        "tôi", "chúng", "ông", "bà", "chị", "em", "cậu", "họ", "sau", "trước", "còn", "tuy", "bên", "điều",
        "lúc", "mời", "nếu", "vì", "dù", "đây", "mỗi", "nhiều", "hàng", "phần", "ngày", "chiều", "tối", "trưa",
        "đêm", "hôm", "hiện", "riêng", "ngoài", "cùng", "song", "bởi", "giờ", "tháng", "ai", "ở",
    ]

    /// Words between a title and a name that show the title is not that person's ("Giám đốc Sở
    /// ... và bà X", "Bí thư ... mới thay ông X", "... cảm ơn sự quan tâm của đồng chí X"): a
    /// verb or function word. "và" before a capitalised word is part of a name ("Bộ Kế hoạch và
    /// Đầu tư") and is decided there.
    static let titleBreakers: [String] = [
        "đã", "là", "được", "với", "cho", "theo", "khi", "thì", "để", "này", "đó", "những", "sẽ", "đang",
        "vừa", "cũng", "không", "chỉ", "rằng", "bị", "do", "nên", "thay", "cùng", "mới", "cảm", "tạo", "giúp",
        "điều", "cuối", "buổi", "ngày", "còn", "nay", "có", "và", "gặp", "tiếp", "gửi", "trao", "tặng",
        "chúc", "báo", "cáo", "nói", "cho biết", "phát biểu", "đề nghị", "yêu cầu",
    ]

    /// Places often named after people: after one of these, a capitalised run is the place
    /// ("phường Nguyễn Cư Trinh", "đường Lê Lợi"). Provinces, cities and districts are not, so
    /// "Chủ tịch UBND tỉnh Nguyễn Văn A" still names a person.
    static let placesNamedAfterPeople: [String] = ["phường", "đường", "phố"]

    /// Personal names that mostly name something else (a city, a youth union, an academy, an
    /// order): a person only after one of ``eponymTitles`` ("Chủ tịch Hồ Chí Minh"); in "Đoàn
    /// TNCS Hồ Chí Minh" or "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh" no person is named.
    static let eponyms: [String] = ["Hồ Chí Minh"]
    static let eponymTitles: [String] = ["Chủ tịch", "Bác", "Người", "cố Chủ tịch", "Chủ tịch nước"]

    /// Common Vietnamese surnames: a name starts with one of them.
    static let surnames: [String] = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Dương", "Lý", "Đinh", "Hà", "Đào", "Đoàn", "Lương", "Trịnh", "Mai", "Cao", "Lâm", "Trương", "Tô", "Tạ",
        "Thái", "Chu", "Lưu", "Phùng", "Kiều", "Quách", "Vương", "Triệu", "Lại", "La", "Mạc", "Tăng", "Từ",
        "Hứa", "Tống", "Âu", "Khúc", "Kim", "Lục", "Nông", "Quan", "Thân", "Tôn", "Vi", "Hầu",
        "Giang", "Diệp", "Đàm", "Đồng", "Châu", "Cù", "Doãn", "Lò", "Lữ", "Mẫn", "Nghiêm", "Ninh", "Phí",
        "Sầm", "Thạch", "Tiêu", "Trình", "Bạch", "Bế", "Cấn", "Giáp", "Hán", "Khổng", "Khuất", "Lạc",
        "Lăng", "Mã", "Mạnh", "Uông", "Vòng", "Đường", "Đậu", "Hàn", "Trang", "Ung", "Quản",
        // Less common, and those of the northern uplands (Thái, Tày, Hmông).
        // "Vàng", "Mùa" and "Lầu" are left out: "Sen Vàng", "mùa hè", "Lầu Năm Góc".
        "Khương", "Lã", "Kha", "Chế", "Ngọ", "Tòng", "Lường", "Cầm", "Quàng", "Thào", "Giàng", "Sùng", "Lô",
        "Chử",
        // Chinese surnames read the Vietnamese way, of leaders in the news ("Tập Cận Bình").
        "Tập",
    ]
}

extension Lexicon {
    /// Function words that never serve as a unit or a document name.
    static let stopwords = FoldedWordSet(
        [
            "và", "của", "có", "được", "đã", "là", "với", "cho", "theo", "tại", "trong", "khi", "thì", "để", "này",
            "đó", "các", "những", "năm", "trên", "dưới", "từ", "đến", "tới", "về", "hay", "hoặc", "như", "mà",
            "nhưng", "vào", "ra", "lên", "xuống", "sẽ", "đang", "vừa", "cũng", "không", "chỉ", "rằng", "bị",
        ].map { FoldedText.fold($0) })

    /// Words after which a number is an identifier, not a quantity ("bão số 3", "khóa XI").
    static let identifierWords = FoldedWordSet(
        ["số", "thứ", "khóa", "khoá", "quận", "phường", "kỳ", "lớp", "phòng", "tầng", "tổ", "đội", "chi bộ", "mã", "hạng", "ngày", "tháng", "năm", "đường", "quốc lộ", "tỉnh lộ", "khu", "lô", "điều", "khoản", "chương", "mục", "tập", "phần", "giờ", "lúc", "bảng", "câu", "nhóm", "top", "vòng", "trang"].map {
            FoldedText.fold($0)
        })

    /// Two- and three-word units ("mô hình", "bài dự thi").
    static let units = FoldedWordSet(
        [
            "mô hình", "tập thể", "cá nhân", "đơn vị", "bài dự thi", "hộ gia đình", "hộ dân", "đảng viên", "đoàn viên",
            "hội viên", "cuộc kiểm tra", "nhiệm vụ", "mục tiêu", "quyết tâm", "lượt người", "học sinh", "sinh viên",
            "cán bộ", "người dân", "tỷ đồng", "triệu đồng", "nghìn đồng", "căn hộ", "héc ta", "cơ sở", "doanh nghiệp",
            "dự án", "chiến sĩ", "lượt khách", "phương tiện", "tổ chức", "gia đình", "công trình", "đại biểu",
            "tác phẩm", "thí sinh", "vận động viên", "trường hợp", "vụ việc", "bài viết", "tỷ usd", "triệu usd",
            "km vuông", "mét vuông", "công nhân", "lao động", "giáo viên", "bệnh nhân", "ca bệnh", "xã phường",
            "hồ sơ", "thủ tục", "văn bản", "giấy phép", "phần quà", "suất quà", "căn nhà", "ngôi nhà", "nhà ở",
            "tuyến đường", "cây cầu", "tấm ảnh", "bức ảnh", "hiện vật", "gian hàng", "tờ báo", "ấn phẩm",
            "tin bài", "ý kiến", "kiến nghị", "sáng kiến", "giải pháp", "tiêu chí", "chỉ tiêu", "người lao động",
            "cựu chiến binh", "thanh niên", "trẻ em", "người cao tuổi", "hộ nghèo", "hộ cận nghèo", "chuyến bay",
            "phòng học", "trạm y tế", "tình nguyện viên", "nhà khoa học", "chuyên gia", "thành viên", "quốc gia",
            "tỉnh thành", "thôn bản", "lượt người dân", "suất học bổng", "học bổng", "đầu báo", "cơ quan báo chí",
        ].map { FoldedText.fold($0) })

    /// One-word units: measures, currencies, time spans and counting words that stand alone after
    /// a number ("3 người bị thương" counts people, not "người bị"). Any other lower-case word
    /// after a number starts a unit of two syllables when the next one can continue it ("39 nạn
    /// nhân", "5 cổ phiếu"): most Vietnamese nouns have two.
    static let singleWordUnits = FoldedWordSet(
        [
            "người", "đồng", "tuổi", "tháng", "giờ", "phút", "giây", "ngày", "tuần", "năm", "quý", "lần", "lượt",
            "điểm", "độ", "tấn", "tạ", "kg", "km", "m", "cm", "mm", "ha", "lít", "mét", "inch", "usd", "euro",
            "chiếc", "con", "cái", "tiếng", "em", "cháu", "đứa", "hộ", "xã", "tỉnh", "huyện", "nước",
        ].map { FoldedText.fold($0) })

    /// Words that follow a unit rather than continue it: verbs, adverbs and words of order or
    /// time ("5 người bị thương", "3 tháng đầu năm", "2 trận sau").
    static let unitEnders = FoldedWordSet(
        [
            "bị", "khác", "sau", "trước", "qua", "so", "mỗi", "một", "nữa", "rồi", "ấy", "kia", "đầu", "cuối",
            "chết", "vẫn", "lại", "nay", "liền", "đều", "gồm", "nào", "trở", "mới", "còn", "đạt", "tăng", "giảm",
            "chiếm", "làm", "thì", "hơn", "liên", "tiếp", "gần", "ở",
        ].map { FoldedText.fold($0) })

    static func isStopword(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool { stopwords.contains(f, s, e) }

    static func isIdentifierWord(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        identifierWords.contains(f, s, e)
    }

    static func isUnit(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool { units.contains(f, s, e) }

    static func isSingleWordUnit(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        singleWordUnits.contains(f, s, e)
    }

    /// Two-word phrases that end a law's name: a verb ("Điều 25 Luật Đấu thầu quy định ...") or
    /// what the sentence says of the law ("liên tiếp").
    static let lawNameEnders = FoldedWordSet(
        ["quy định", "nêu rõ", "ghi rõ", "cho phép", "nghiêm cấm", "yêu cầu", "có hiệu", "liên tiếp"].map { FoldedText.fold($0) })

    static func isLawNameEnder(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        lawNameEnders.contains(f, s, e)
    }

    /// Single words that end a law's name as the stopwords do: what the sentence says of the law
    /// ("Luật Đầu tư công phải ...", "Luật Dân sự hiện nay", "Luật Đầu tư ngày 25").
    static let lawNameEndingWords = FoldedWordSet(
        ["phải", "nên", "cần", "hiện", "lần", "ngày", "mới", "muốn", "giúp", "gồm", "nhằm", "chưa", "đều", "vẫn",
         "sau", "trước", "diễn"].map { FoldedText.fold($0) })

    static func isUnitEnder(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool { unitEnders.contains(f, s, e) }

    /// nghìn, ngàn, triệu, tỷ, tỉ as factors.
    static func multiplier(_ f: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        let word = f[s..<e]  // compared in place, no copy
        if word.elementsEqual(thousand) || word.elementsEqual(thousandSouth) { return 1_000 }
        if word.elementsEqual(million) { return 1_000_000 }
        if word.elementsEqual(billion) || word.elementsEqual(billionAlt) { return 1_000_000_000 }
        return nil
    }

    private static let thousand = FoldedText.fold("nghìn")
    private static let thousandSouth = FoldedText.fold("ngàn")
    private static let million = FoldedText.fold("triệu")
    private static let billion = FoldedText.fold("tỷ")
    private static let billionAlt = FoldedText.fold("tỉ")
}
