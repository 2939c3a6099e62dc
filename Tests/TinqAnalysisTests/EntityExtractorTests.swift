import Testing

@testable import TinqAnalysis

/// Organisation and person names in short articles written for the test: where a name runs
/// on and where it stops.
@Suite struct EntityExtractorTests {
    private static func entities(_ text: String) throws -> Entities {
        try Analyzer().analyze(ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(text.utf8))).entities
    }

    @Test func organisationNamesRunThroughLowerCaseSyllablesOfTheirWords() throws {
        let e = try Self.entities("""
            Hội nghị sơ kết công tác dân vận
            Sáng 5/3, Ban Dân vận Trung ương phối hợp với Bộ Công an tổ chức hội nghị sơ kết.
            Đại diện Học viện Chính trị quốc gia Hồ Chí Minh cũng dự hội nghị.
            """)
        let names = e.organizations.map(\.name)
        #expect(names.contains("Ban Dân vận Trung ương"), "\(names)")
        #expect(names.contains("Bộ Công an"), "\(names)")
        #expect(!names.contains("Bộ Công") && !names.contains("Ban Dân vận Trung"), "\(names)")
        // A verb after the name is not part of it.
        #expect(!names.contains { $0.hasSuffix("phối") || $0.hasSuffix("tổ chức") }, "\(names)")
    }

    @Test func joinedNamesStayOneAndTwoOrganisationsStayTwo() throws {
        let e = try Self.entities("""
            Ký kết chương trình phối hợp
            Chiều 7/4, Bộ Kế hoạch và Đầu tư và Bộ Lao động - Thương binh và Xã hội ký kết chương trình phối hợp.
            Tham dự có đại diện Bộ Quốc phòng và Ủy ban nhân dân tỉnh Nghệ An.
            """)
        let names = e.organizations.map(\.name)
        #expect(names.contains("Bộ Kế hoạch và Đầu tư"), "\(names)")
        #expect(names.contains("Bộ Lao động - Thương binh và Xã hội"), "\(names)")
        #expect(names.contains("Bộ Quốc phòng"), "\(names)")
        #expect(!names.contains { $0.hasPrefix("Bộ Quốc phòng và") }, "two organisations: \(names)")
    }

    @Test func hoChiMinhIsAPersonOnlyAfterChuTich() throws {
        let e = try Self.entities("""
            Đại hội Đoàn TNCS Hồ Chí Minh tỉnh Nghệ An
            Sáng 9/10, Đại hội đại biểu Đoàn TNCS Hồ Chí Minh tỉnh Nghệ An khai mạc.
            Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh gửi thư chúc mừng đại hội.
            Các đại biểu dâng hoa tưởng niệm Chủ tịch Hồ Chí Minh và Phó Bí thư Tỉnh ủy Nguyễn Văn Thông phát biểu.
            """)
        let people = e.people.map(\.name)
        #expect(people.filter { $0 == "Hồ Chí Minh" }.count == 1, "\(e.people)")
        let person = try #require(e.people.first { $0.name == "Hồ Chí Minh" })
        #expect(person.offset > 200, "the one after Chủ tịch, in the last line: \(person)")
        #expect(people.contains("Nguyễn Văn Thông"), "\(people)")
    }

    @Test func figuresTakeWholeUnitsAndSkipIdentifiers() throws {
        let e = try Self.entities("""
            Trả kết quả đúng hẹn
            Trong quý I, bộ phận một cửa của huyện tiếp nhận 1.184 hồ sơ và trao 35 suất học bổng cho học sinh.
            Do ảnh hưởng của bão số 3, một số tuyến đường bị sạt lở.
            Vụ tai nạn làm 5 người bị thương, 2 nạn nhân tử vong; 4 xe máy hư hỏng sau 2 tháng đầu năm.
            """)
        let figures = e.figures.map { "\($0.text)|\($0.value)|\($0.unit)" }
        #expect(figures.contains("5 người|5.0|người"), "a one-word unit: \(figures)")
        #expect(figures.contains("2 nạn nhân|2.0|nạn nhân"), "two syllables: \(figures)")
        #expect(figures.contains("4 xe máy|4.0|xe máy"), "\(figures)")
        #expect(figures.contains("2 tháng|2.0|tháng"), "\(figures)")
        #expect(figures.contains("1.184 hồ sơ|1184.0|hồ sơ"), "\(figures)")
        #expect(figures.contains("35 suất học bổng|35.0|suất học bổng"), "\(figures)")
        #expect(!figures.contains { $0.hasPrefix("3 ") }, "bão số 3 is a name: \(figures)")
    }

    @Test func namesOfPlacesAndInstitutionsAreNoPeople() throws {
        let e = try Self.entities("""
            Hợp tác y tế
            Sáng 3/4, Tổng thống Hàn Quốc Moon Jae-in thăm Bệnh viện Bạch Mai cùng Giám đốc Bệnh viện Bạch Mai, ông Nguyễn Quang Tuấn.
            Chủ tịch UBND tỉnh Hà Nam Nguyễn Văn Tuấn đón đoàn; Hạm đội Thái Bình Dương Mỹ cũng cử đại diện, vượt Thái Bình Dương tới châu Á.
            Đại diện Bộ GD&ĐT, Bệnh viện Đa khoa tỉnh Hòa Bình và Trung tâm Dự báo Khí tượng Thủy văn Trung ương dự.
            Đoàn đi dọc dãy Trường Sơn tới Trường THPT Chu Văn An. Sở GD-ĐT, Bộ LĐ-TB&XH và Thanh tra Bộ NN-PTNT cùng dự.
            Thứ trưởng Bộ GD-ĐT Bùi Văn Ga phát biểu. Giám đốc Sở Y tế TP.HCM Lê Hồng Sơn và Chủ tịch UBND TP. Hà Nội Nguyễn Đức Chung dự.
            Công an TP. Hồ Chí Minh, UBND thành phố Hải Phòng và Công an thị xã Dĩ An cử đại diện.
            Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Nguyễn Ngọc Thiện gặp Bộ Giao thông vận tải; Bộ Y tế, Bộ Tài chính cùng dự.
            Công an TP.Hải Phòng cho biết.
            """)
        // A ministry's full name runs through its commas and lower-case words; a list of ministries
        // stays a list.
        #expect(e.people.contains { $0.name == "Nguyễn Ngọc Thiện" && $0.titles == ["Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"] }, "\(e.people)")
        #expect(e.people.contains { $0.name == "Bùi Văn Ga" && $0.titles == ["Thứ trưởng Bộ GD-ĐT"] }, "\(e.people)")
        // A city written with its kind, abbreviated or not, belongs to the body's name and the title.
        #expect(e.people.contains { $0.name == "Lê Hồng Sơn" && $0.titles == ["Giám đốc Sở Y tế TP.HCM"] }, "\(e.people)")
        #expect(e.people.contains { $0.name == "Nguyễn Đức Chung" && $0.titles == ["Chủ tịch UBND TP. Hà Nội"] }, "\(e.people)")
        let people = e.people.map(\.name)
        #expect(people.contains("Nguyễn Quang Tuấn") && people.contains("Nguyễn Văn Tuấn"), "\(people)")
        for notAPerson in ["Bạch Mai", "Hàn Quốc Moon Jae", "Moon Jae", "Hà Nam Nguyễn Văn Tuấn", "Dương Mỹ", "Thái Bình Dương Mỹ"] {
            #expect(!people.contains(notAPerson), "\(notAPerson): \(people)")
        }
        let orgs = e.organizations.map(\.name)
        for org in ["Bộ GD&ĐT", "Bệnh viện Đa khoa tỉnh Hòa Bình", "Trung tâm Dự báo Khí tượng Thủy văn Trung ương", "Trường THPT Chu Văn An",
                    "Sở GD-ĐT", "Bộ LĐ-TB&XH", "Thanh tra Bộ NN-PTNT", "Sở Y tế TP.HCM", "UBND TP. Hà Nội",
                    "Công an TP. Hồ Chí Minh", "UBND thành phố Hải Phòng", "Công an thị xã Dĩ An",
                    "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Giao thông vận tải", "Bộ Y tế", "Bộ Tài chính", "Công an TP.Hải Phòng"] {
            #expect(orgs.contains(org), "\(org): \(orgs)")
        }
        #expect(!orgs.contains("Trường Sơn"), "a mountain range: \(orgs)")
        #expect(e.places.contains { $0.name == "Thái Bình Dương" && $0.kind == "đại dương" }, "\(e.places)")
        #expect(e.places.contains { $0.name == "châu Á" }, "a lower-case region word: \(e.places)")
        #expect(!e.places.contains { $0.name == "Thái Bình" }, "not the province: \(e.places)")
    }

    @Test func namesStopWhereTheNextSentenceStarts() throws {
        let e = try Self.entities("""
            Gặp mặt đại biểu
            Ảnh: TTXVN Theo kế hoạch, Văn phòng Chủ tịch nước và Bộ Tư lệnh Bộ đội Biên phòng phối hợp.
            Đoàn Chủ tịch đại hội gồm đại diện Đoàn Thanh niên Cộng sản Hồ Chí Minh và Công an quận Hai Bà Trưng.
            Ảnh: TTXVN Tổng Bí thư Nguyễn Phú Trọng phát biểu.
            Ảnh chụp tại quận Bình Thạnh Theo kế hoạch, đoàn về huyện Hoài Đức.
            """)
        #expect(e.places.map(\.name).contains("quận Bình Thạnh"), "\(e.places)")
        let orgs = e.organizations.map(\.name)
        for org in ["TTXVN", "Văn phòng Chủ tịch nước", "Bộ Tư lệnh Bộ đội Biên phòng", "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
            "Công an quận Hai Bà Trưng"] {
            #expect(orgs.contains(org), "\(org): \(orgs)")
        }
        #expect(!orgs.contains { $0.hasPrefix("TTXVN ") }, "\(orgs)")
        let people = e.people.map(\.name)
        #expect(people.contains("Nguyễn Phú Trọng") && !people.contains("Đoàn Chủ"), "\(people)")
    }

    @Test func titlesSplitAtCommasBetweenTitlesOnly() throws {
        let e = try Self.entities("""
            Làm việc với ngành văn hóa
            Chiều 5/5, Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Nguyễn Ngọc Thiện làm việc với tỉnh.
            Dự buổi làm việc có Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Lê Văn Hà và Giám đốc Sở Y tế, bà Trần Thị Lan.
            Bộ trưởng Tô Lâm gặp nhạc sĩ Phạm Tuyên, trong thời gian qua, ông Nguyễn Văn Bình cũng tới.
            """)
        let titles = Dictionary(e.people.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
        #expect(titles["Tô Lâm"] == ["Bộ trưởng"], "a title right before the name: \(e.people)")
        #expect(titles["Phạm Tuyên"] == ["nhạc sĩ"], "a profession: \(e.people)")
        #expect(titles["Nguyễn Văn Bình"] == [], "no title in 'thời gian qua': \(e.people)")
        #expect(titles["Nguyễn Ngọc Thiện"] == ["Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"], "\(e.people)")
        #expect(titles["Lê Văn Hà"] == ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"], "\(e.people)")
        #expect(titles["Trần Thị Lan"] == ["Giám đốc Sở Y tế"], "the honorific is no title: \(e.people)")
    }

    @Test func lawsAreNoInstitutionsAndEndBeforeTheirVerb() throws {
        let e = try Self.entities("""
            Góp ý luật
            Điều 25 Luật Đấu thầu quy định rõ; theo Hiến pháp Nhật Bản, việc này khác.
            Giảng viên Trường Đại học Kinh tế - Luật TP.HCM và báo Pháp Luật nhận định thêm.
            Luật Đầu tư công phải sửa; Luật Dân sự hiện nay chưa rõ. Công ty Luật Themis và Hiến pháp Iraq được nhắc tới.
            """)
        let docs = e.documents.map(\.text)
        #expect(docs.contains("Luật Đấu thầu"), "\(docs)")
        #expect(docs.contains("Hiến pháp Nhật Bản") && docs.contains("Hiến pháp Iraq"), "\(docs)")
        // What the sentence says of the law is no part of its name; a foreign word names a firm.
        #expect(docs.contains("Luật Đầu tư công") && docs.contains("Luật Dân sự"), "\(docs)")
        #expect(!docs.contains { $0.contains("phải") || $0.contains("hiện") || $0.contains("Themis") }, "\(docs)")
        #expect(!docs.contains { $0.hasPrefix("Luật TP") || $0.hasPrefix("Luật nhận") }, "names of a school and a paper: \(docs)")
    }

    @Test func placesAreNoPeopleAndOtherPeoplesTitlesDoNotAttach() throws {
        let e = try Self.entities("""
            Lãnh đạo thành phố thăm các hộ dân
            Sáng 2/2, Chủ tịch UBND TP Hà Nội cùng lãnh đạo UBND phường Nguyễn Cư Trinh đến thăm các hộ dân.
            Phó Chủ tịch UBND tỉnh Nguyễn Văn Sơn cho biết, Giám đốc Sở Y tế và bà Trần Thị Lan cùng tham gia đoàn.
            """)
        let people = e.people.map(\.name)
        #expect(!people.contains("Hà Nội") && !people.contains("Nguyễn Cư Trinh"), "places: \(people)")
        #expect(e.people.first { $0.name == "Nguyễn Văn Sơn" }?.titles == ["Phó Chủ tịch UBND tỉnh"], "\(e.people)")
        #expect(e.people.first { $0.name == "Trần Thị Lan" }?.titles == [], "the Giám đốc is someone else: \(e.people)")
    }

    @Test func namesHaveTwoToFourSyllablesAndStopBeforeTheNextPhrase() throws {
        let e = try Self.entities("""
            Kiểm tra tiến độ dự án
            Bộ trưởng Bộ Xây dựng Trần Văn Khải Ngày 4/9 đã kiểm tra công trường cầu Rạch Miễu.
            Nhà văn Đỗ Thị Thu Hằng Sau buổi ra mắt sách đã ký tặng độc giả.
            Thứ trưởng Lê Quang Mạnh Ban Bí thư đã giao nhiệm vụ cho đoàn công tác.
            Chủ tịch Hội Nhà văn Nguyễn Thị Kim Ngân phát biểu; phóng viên Trương Tiến Sĩ ghi lại.
            """)
        let people = e.people.map(\.name)
        for name in ["Trần Văn Khải", "Đỗ Thị Thu Hằng", "Lê Quang Mạnh", "Nguyễn Thị Kim Ngân", "Trương Tiến Sĩ"] {
            #expect(people.contains(name), "\(name): \(people)")
        }
        for wrong in ["Trần Văn Khải Ngày", "Đỗ Thị Thu Hằng Sau", "Lê Quang Mạnh Ban", "Trương Tiến"] {
            #expect(!people.contains(wrong), "\(wrong): \(people)")
        }
        // A one-word country after three syllables is a given name.
        let f = try Self.entities("""
            Gặp gỡ nghệ sĩ
            Hoa hậu Trương Hồ Phương Nga và bác sĩ Nguyễn Thị Hoài Đức dự buổi gặp gỡ.
            """)
        #expect(f.people.map(\.name).contains("Trương Hồ Phương Nga"), "\(f.people)")
        #expect(f.people.map(\.name).contains("Nguyễn Thị Hoài Đức"), "\(f.people)")
    }

    @Test func aPlaceBeforeTheNameIsNoPartOfIt() throws {
        let e = try Self.entities("""
            Làm việc với các địa phương
            Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Văn Hòa và Phó Chủ tịch UBND tỉnh Tiền Giang Lê Văn Tám dự họp.
            Vụ trưởng Vụ châu Âu Lê Thanh Bình trả lời phỏng vấn; Chủ tịch UBND huyện Đăk Hà Đoàn Văn Dũng báo cáo.
            Bí thư Thành ủy TP HCM Đinh Văn Long và Phó Chủ tịch UBND tỉnh Trần Quốc Hùng cùng đến.
            """)
        let titles = Dictionary(e.people.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
        #expect(titles["Nguyễn Văn Hòa"] == ["Chủ tịch UBND tỉnh Quảng Ninh"], "\(e.people)")
        #expect(titles["Lê Văn Tám"] == ["Phó Chủ tịch UBND tỉnh Tiền Giang"], "\(e.people)")
        #expect(titles["Lê Thanh Bình"] == ["Vụ trưởng Vụ châu Âu"], "\(e.people)")
        #expect(titles["Đoàn Văn Dũng"] == ["Chủ tịch UBND huyện Đăk Hà"], "an unlisted place of two words: \(e.people)")
        #expect(titles["Đinh Văn Long"] == ["Bí thư Thành ủy TP HCM"], "\(e.people)")
        #expect(titles["Trần Quốc Hùng"] == ["Phó Chủ tịch UBND tỉnh"], "no place named: \(e.people)")
        for wrong in ["Ninh Nguyễn Văn Hòa", "Giang Lê Văn Tám", "Âu Lê Thanh Bình", "Hà Đoàn Văn Dũng", "Văn Long"] {
            #expect(!titles.keys.contains(wrong), "\(wrong): \(e.people)")
        }
    }

    @Test func occupationsAreTitles() throws {
        let e = try Self.entities("""
            Tuyển Việt Nam tập trung
            Tiền vệ Đỗ Văn Khang và thủ môn Lý Quốc Bảo đã có mặt từ sáng nay.
            Chuyên gia kinh tế Phan Minh Tâm nhận định, còn tài xế xe tải Hà Văn Lộc khai với công an.
            Chuẩn Đô đốc Trần Văn Minh và PGS.TSKH Đinh Thế Vinh dự lễ; nhà thiết kế Tạ Thu Hà trình diễn.
            """)
        let titles = Dictionary(e.people.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
        #expect(titles["Đỗ Văn Khang"] == ["Tiền vệ"], "\(e.people)")
        #expect(titles["Lý Quốc Bảo"] == ["thủ môn"], "\(e.people)")
        #expect(titles["Phan Minh Tâm"] == ["Chuyên gia kinh tế"], "\(e.people)")
        #expect(titles["Hà Văn Lộc"] == ["tài xế xe tải"], "\(e.people)")
        #expect(titles["Trần Văn Minh"] == ["Chuẩn Đô đốc"], "\(e.people)")
        #expect(titles["Đinh Thế Vinh"] == ["PGS.TSKH"], "\(e.people)")
        #expect(titles["Tạ Thu Hà"] == ["nhà thiết kế"], "\(e.people)")
        // An occupation reaches over a few words only, never a clause.
        let f = try Self.entities("""
            Bóng đá trẻ
            Những cầu thủ trẻ đang tập luyện chăm chỉ mỗi ngày dưới sự dẫn dắt của ông Vũ Đức Toàn.
            """)
        #expect(f.people.first { $0.name == "Vũ Đức Toàn" }?.titles == [], "\(f.people)")
    }

    @Test func aNearerTitleNamesThePersonWhenTheFirstIsSomeoneElses() throws {
        let e = try Self.entities("""
            Lên tuyển
            Đây là lần đầu tiền vệ của câu lạc bộ được HLV Nguyễn Văn Sỹ triệu tập lên đội tuyển.
            Tổ tuần tra gồm 4 chiến sĩ do Thiếu tá Lê Văn Hải phụ trách.
            """)
        let titles = Dictionary(e.people.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
        #expect(titles["Nguyễn Văn Sỹ"] == ["HLV"], "\(e.people)")
        #expect(titles["Lê Văn Hải"] == ["Thiếu tá"], "\(e.people)")
    }

    @Test func familiarWordsOfAddressNameAPersonWithoutATitle() throws {
        let e = try Self.entities("""
            Cứu người đuối nước
            Anh Phạm Văn Long (30 tuổi) đã cứu cháu Lê Thị Mai khỏi dòng nước; chị Trần Thu Trang cảm ơn.
            Bị cáo Đào Văn Tú khai nhận hành vi. Ca sĩ Nguyễn Tuấn Anh Đào tới thăm, cùng bà xã Hồ Ngọc Lan.
            Đoàn đã về huyện Cô Tô và thăm Công an huyện Cô Tô.
            """)
        let titles = Dictionary(e.people.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
        for name in ["Phạm Văn Long", "Lê Thị Mai", "Trần Thu Trang", "Đào Văn Tú", "Hồ Ngọc Lan"] {
            #expect(titles[name] == [], "\(name): \(e.people)")
        }
        // "Anh" is a syllable of a name too, so it ends none.
        #expect(titles["Nguyễn Tuấn Anh Đào"] == ["Ca sĩ"], "\(e.people)")
        #expect(!e.places.contains { $0.name.hasPrefix("xã Hồ") }, "bà xã is a wife: \(e.places)")
        #expect(e.organizations.map(\.name).contains("Công an huyện Cô Tô"), "\(e.organizations)")
    }

    @Test func aCapitalisedSyllableAloneTakesTheSyllableThatCompletesItsWord() throws {
        let e = try Self.entities("""
            Họp về an ninh
            Hội đồng Bảo an đã họp; Viện Hàn lâm và Ngân hàng Thế giới gửi báo cáo tới Cục Điều tra Liên bang Mỹ.
            Bộ Quốc phòng Nga bác bỏ thông tin, Tập đoàn Vingroup công bố kết quả và Thanh tra Bộ đề nghị làm rõ.
            Bộ trưởng Bộ Công Thương đã ký; Bệnh viện Nhi trung ương tiếp nhận bệnh nhân.
            """)
        let names = e.organizations.map(\.name)
        for org in ["Hội đồng Bảo an", "Viện Hàn lâm", "Ngân hàng Thế giới", "Cục Điều tra Liên bang Mỹ", "Bộ Quốc phòng Nga",
            "Tập đoàn Vingroup", "Bộ Công Thương"] {
            #expect(names.contains(org), "\(org): \(names)")
        }
        for wrong in ["Bộ Quốc phòng Nga bác", "Tập đoàn Vingroup công", "Thanh tra Bộ đề", "Bộ trưởng", "Bộ Công Thương đã",
            "Bệnh viện Nhi trung"] {
            #expect(!names.contains(wrong), "\(wrong): \(names)")
        }
    }

    @Test func lessCommonSurnamesStartNames() throws {
        let e = try Self.entities("""
            Tiếp xúc cử tri
            Phó Chủ tịch Quốc hội Tòng Thị Hoa và Thứ trưởng Khương Văn Định tiếp xúc cử tri; anh Lã Văn Tú phát biểu.
            """)
        let people = e.people.map(\.name)
        for name in ["Tòng Thị Hoa", "Khương Văn Định", "Lã Văn Tú"] {
            #expect(people.contains(name), "\(name): \(people)")
        }
        #expect(!e.organizations.map(\.name).contains { $0.hasSuffix("Tòng Thị Hoa") }, "\(e.organizations)")
    }

    @Test func aMinistrysNameEndsWithItsCountry() throws {
        let e = try Self.entities("""
            Phản ứng quốc tế
            Người phát ngôn Bộ Ngoại giao Nga Anna Petrova cho biết; Quốc hội Cuba Ngày 7/6 đã họp.
            Chủ tịch Ủy ban MTTQ Việt Nam Trần Văn Tâm dự. Ngân hàng TMCP Việt Nam Thịnh Vượng và Công an huyện Yên Mỹ vào cuộc.
            """)
        let names = e.organizations.map(\.name)
        for org in ["Bộ Ngoại giao Nga", "Quốc hội Cuba", "MTTQ Việt Nam", "Ngân hàng TMCP Việt Nam Thịnh Vượng",
            "Công an huyện Yên Mỹ"] {
            #expect(names.contains(org), "\(org): \(names)")
        }
        #expect(!names.contains { $0.hasSuffix("Anna Petrova") || $0.hasSuffix("Ngày 7") || $0.hasSuffix("Trần Văn Tâm") }, "\(names)")
        #expect(e.people.first { $0.name == "Trần Văn Tâm" }?.titles == ["Chủ tịch Ủy ban MTTQ Việt Nam"], "\(e.people)")
    }

    @Test func someoneElsesForeignNameBreaksTheTitle() throws {
        let e = try Self.entities("""
            Hội đàm cấp cao
            Tổng thống Pháp Jacques Martin và Thủ tướng Lê Văn Thịnh đã hội đàm; nhà báo Peter Smith phỏng vấn ông Đỗ Văn Hùng.
            Tổng Giám đốc Vietnam Airlines Dương Văn Phú cũng dự.
            """)
        let titles = Dictionary(e.people.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
        #expect(titles["Lê Văn Thịnh"] == ["Thủ tướng"], "\(e.people)")
        #expect(titles["Đỗ Văn Hùng"] == [], "\(e.people)")
        #expect(titles["Dương Văn Phú"] == ["Tổng Giám đốc Vietnam Airlines"], "a company's name: \(e.people)")
    }

    /// A foreign person's name right after a title (or a title and a country) or an honorific:
    /// two or three capitalised words, one at least no Vietnamese syllable; not a club, a
    /// company or a country the lexicon lacks.
    @Test func foreignNamesAfterATitle() throws {
        let e = try Self.entities("""
            Hội đàm cấp cao
            Chiều 12/5, Thủ tướng Nguyễn Văn An hội đàm với Thủ tướng Nhật Bản Shinzo Abe tại Hà Nội.
            Tổng thống Mỹ Donald Trump, Thủ tướng Anh Theresa May và Tổng thống Hàn Quốc Moon Jae-in gửi điện mừng.
            Tiền vệ Man City cũng có mặt; ông Vladimir Putin nói qua điện thoại.
            Năm 1961, Tổng thống Mỹ John F. Kennedy phát biểu. Nhà báo Richard R. Ông ấy viết.
            """)
        let people = Dictionary(e.people.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
        #expect(people["Shinzo Abe"] == ["Thủ tướng Nhật Bản"], "\(people)")
        #expect(people["Donald Trump"] == ["Tổng thống Mỹ"], "\(people)")
        #expect(people["Theresa May"] == ["Thủ tướng Anh"], "\(people)")
        #expect(people["Moon Jae-in"] == ["Tổng thống Hàn Quốc"], "\(people)")
        #expect(people["Vladimir Putin"] == [], "\(people)")
        #expect(people["Nguyễn Văn An"] == ["Thủ tướng"], "\(people)")
        #expect(people["Man City"] == nil && people["Anh Theresa May"] == nil, "\(people)")
        // A middle initial stays in the name; an initial at its end makes none.
        #expect(people["John F. Kennedy"] == ["Tổng thống Mỹ"], "\(people)")
        #expect(!people.keys.contains { $0.hasPrefix("Richard") }, "\(people)")
    }

    /// A Vietnamese syllable before two foreign words is a country the lexicon lacks, and one
    /// after them opens the next sentence.
    @Test func aForeignNameLeavesTheWordsAroundIt() throws {
        let e = try Self.entities("""
            Phim mới
            Sáng 3/6, đạo diễn Tim Burton Điều đáng chú ý là bộ phim mới. Tổng thống Síp Nikos Anastasiades đến thăm.
            """)
        let names = e.people.map(\.name)
        #expect(names.contains("Tim Burton"), "\(names)")
        #expect(!names.contains("Síp Nikos Anastasiades") && !names.contains("Tim Burton Điều"), "\(names)")
    }

    /// A Korean given name's hyphenated syllable belongs to the name, whichever rule found it
    /// ("Kim" is a Vietnamese surname too), and so do an Arabic article with its word and the
    /// particles of foreign names ("bin", "van", "von der"); a syllable opening with "p" but not
    /// "ph" is foreign.
    @Test func hyphenatedAndForeignSyllablesStayInTheName() throws {
        let e = try Self.entities("""
            Tin thế giới
            Sáng 3/4, ông Kim Jong-un thị sát nhà máy. Bà Marine Le Pen phát biểu tại Paris.
            Tổng thống Syria Bashar al-Assad điện đàm với Thủ tướng Iraq Haider al-Abadi.
            Thái tử Saudi Arabia Mohammed bin Salman gặp HLV Louis van Gaal và bà Ursula von der Leyen.
            Chủ tịch Trung Quốc Tập Cận Bình đón Chủ tịch nước Trần Đại Quang.
            """)
        let names = e.people.map(\.name)
        #expect(names.contains("Kim Jong-un") && names.contains("Marine Le Pen"), "\(names)")
        // An Arabic article joined to a capitalised word is one part of the name.
        #expect(e.people.contains { $0.name == "Bashar al-Assad" && $0.titles == ["Tổng thống Syria"] }, "\(e.people)")
        #expect(e.people.contains { $0.name == "Haider al-Abadi" && $0.titles == ["Thủ tướng Iraq"] }, "\(e.people)")
        // Lower-case particles stay inside the name.
        #expect(e.people.contains { $0.name == "Mohammed bin Salman" && $0.titles == ["Thái tử Saudi Arabia"] }, "\(e.people)")
        #expect(names.contains("Louis van Gaal") && names.contains("Ursula von der Leyen"), "\(names)")
        // A Chinese leader's surname read the Vietnamese way starts a name, so the title ends there.
        #expect(e.people.contains { $0.name == "Tập Cận Bình" && $0.titles == ["Chủ tịch Trung Quốc"] }, "\(e.people)")
        #expect(e.people.contains { $0.name == "Trần Đại Quang" && $0.titles == ["Chủ tịch nước"] }, "\(e.people)")
        #expect(!names.contains("Kim Jong") && !names.contains("Marine Le"), "\(names)")
    }

    /// Countries of every continent are places, so the name after "Thủ tướng Bồ Đào Nha" starts
    /// after the country, and a country is nobody's name.
    @Test func countriesBeforeAForeignNameBelongToTheTitle() throws {
        let e = try Self.entities("""
            Điện mừng
            Sáng 3/6, Thủ tướng Bồ Đào Nha Antonio Costa và Tổng thống Argentina Mauricio Macri gửi điện mừng.
            Ngoại trưởng New Zealand Gerry Brownlee và Tổng thống Cộng hòa Séc Milos Zeman cũng gửi thư. Trung sĩ New Zealand có mặt. Du khách đến từ Bồ Đào Nha tăng mạnh.
            """)
        let people = Dictionary(e.people.map { ($0.name, $0.titles) }, uniquingKeysWith: { a, _ in a })
        #expect(people["Antonio Costa"] == ["Thủ tướng Bồ Đào Nha"], "\(people)")
        #expect(people["Mauricio Macri"] == ["Tổng thống Argentina"], "\(people)")
        #expect(people["Gerry Brownlee"] == ["Ngoại trưởng New Zealand"], "\(people)")
        #expect(people["Milos Zeman"] == ["Tổng thống Cộng hòa Séc"], "\(people)")
        #expect(people["New Zealand"] == nil && people["Đào Nha"] == nil, "\(people)")
        #expect(e.places.contains { $0.name == "Bồ Đào Nha" && $0.kind == "quốc gia" }, "\(e.places)")
    }
}

