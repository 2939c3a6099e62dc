import Testing

@testable import TinqAnalysis

/// The built-in taxonomy's labelling rules, each shown by a short article written for the test
/// and its counter-case. (The dev set judges the weights; these pin down what each rule means.)
@Suite struct TaxonomyRulesTests {
    private static func labels(_ text: String) throws -> [String] {
        try Analyzer().analyze(ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(text.utf8)))
            .labels
    }

    /// An unremarkable paragraph that carries no cue.
    private static let filler =
        "Năm nay, thời tiết thuận lợi nên bà con trong xã thu hoạch lúa sớm hơn mọi năm. Giá lúa ổn định giúp nhiều hộ có thêm thu nhập."

    @Test func vanDongVienIsNoMassMobilisation() throws {
        let text = """
            Vận động viên Hà Nội giành chiến thắng ở giải chạy việt dã
            Sáng 12/3, hơn 500 vận động viên tham gia giải chạy việt dã của thành phố.
            \(Self.filler)
            """
        #expect(!(try Self.labels(text)).contains("dan_van"))
    }

    @Test func danVanInACareerIsNotTheWork() throws {
        // The Ban's head taking a new office: Dân vận is her old post, whatever the body says of it.
        let portrait = """
            Chân dung tân Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh
            Bà Nguyễn Thị Hoa được hiệp thương cử giữ chức Chủ tịch Ủy ban Mặt trận Tổ quốc tỉnh.
            \(Self.filler) Trên cương vị Trưởng Ban Dân vận Tỉnh ủy, bà đã tham mưu thực hiện tốt các nghị quyết về công tác dân vận. Bà có nhiều kinh nghiệm trong công tác vận động quần chúng, công tác dân vận ở cơ sở.
            """
        #expect(!(try Self.labels(portrait)).contains("dan_van"))
        // The same work reported as the story itself.
        let work = """
            Tỉnh ủy tổng kết công tác dân vận năm 2023
            Sáng 20/12, Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận năm 2023.
            \(Self.filler)
            """
        #expect(try Self.labels(work).contains("dan_van"))
    }

    @Test func danVanInABiographySentenceIsTheCareer() throws {
        // A new office holder's career: the dân vận work she once did is background.
        let bio = """
            Quận có bí thư mới
            Sáng 3/4, Thành ủy trao quyết định phân công bà Lê Thị Hạnh làm Bí thư Quận ủy.
            Bà Hạnh sinh năm 1972, đã qua nhiều vị trí ở phường, sau đó về làm công tác dân vận ở thành phố. \(Self.filler)
            """
        #expect(!(try Self.labels(bio)).contains("dan_van"))
        // "từng" alone means "each": cadres going to each hamlet do the work now.
        let work = """
            Cán bộ xuống từng thôn làm công tác dân vận
            Những tháng qua, cán bộ xã đã xuống từng thôn, bản làm công tác dân vận, giúp bà con hiểu chủ trương mới.
            \(Self.filler)
            """
        #expect(try Self.labels(work).contains("dan_van"))
    }

    @Test func workOnDanVanNamedInPassingIsNoStory() throws {
        // "về công tác dân vận" after an unrelated programme, deep in a report on something else.
        let text = """
            Hội Luật gia tỉnh tổng kết năm hoạt động
            Hội Luật gia tỉnh vừa tổng kết hoạt động năm 2023 với nhiều kết quả nổi bật về tư vấn pháp luật.
            \(Self.filler) Hội đã ký chương trình phối hợp với Ban Dân vận về công tác dân vận. Hội cũng tổ chức nhiều buổi tư vấn pháp luật miễn phí cho người dân.
            """
        #expect(!(try Self.labels(text)).contains("dan_van"))
    }

    @Test func aPlannedCeremonyIsNoConference() throws {
        let planned = """
            Những tấm gương lao động sáng tạo
            Lễ tuyên dương dự kiến được truyền hình trực tiếp vào tối thứ Bảy tuần này.
            \(Self.filler)
            """
        #expect(!(try Self.labels(planned)).contains("conference"))
        let held = """
            Những tấm gương lao động sáng tạo
            Lễ tuyên dương đã diễn ra tối 12/5 tại Nhà văn hóa tỉnh.
            \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
    }

    @Test func aCeremonyHonouringACountedGroupIsAnAward() throws {
        let text = """
            Những tấm gương lao động sáng tạo
            Lễ tuyên dương 120 công nhân lao động tiêu biểu năm 2024 được truyền hình trực tiếp.
            \(Self.filler)
            """
        #expect(try Self.labels(text).contains("award"))
        // Praise in a speech is no honour.
        let praise = """
            Những tấm gương lao động sáng tạo
            Phát biểu tại hội nghị, Chủ tịch tỉnh khen ngợi tinh thần lao động sáng tạo của công nhân.
            \(Self.filler)
            """
        #expect(!(try Self.labels(praise)).contains("award"))
    }

    @Test func handingOverACommendationIsAnAwardNotACeremony() throws {
        let text = """
            Công an khen thưởng người dân dũng cảm bắt cướp
            Sáng 3/6, Công an tỉnh đã trao quyết định khen thưởng cho anh Nguyễn Văn B vì hành động dũng cảm.
            \(Self.filler)
            """
        #expect(try Self.labels(text) == ["award"])
        // Handing over an appointment decision is a ceremony.
        let appointment = """
            Tỉnh ủy có Trưởng ban mới
            Sáng 3/6, Tỉnh ủy tổ chức hội nghị trao quyết định bổ nhiệm Trưởng ban Tuyên giáo.
            \(Self.filler)
            """
        #expect(try Self.labels(appointment).contains("conference"))
    }

    @Test func anIndividualSportsHonourIsAnAward() throws {
        let text = """
            Tiền vệ trẻ được bầu là cầu thủ hay nhất giải
            Kết thúc giải, tiền vệ Nguyễn Văn C được bầu là cầu thủ xuất sắc nhất và nhận cúp từ ban tổ chức.
            \(Self.filler)
            """
        #expect(try Self.labels(text).contains("award"))
        // A team winning a match is a result, not an honour.
        let match = """
            Đội bóng thành phố thắng trận thứ ba liên tiếp
            Tối qua, đội bóng thành phố thắng 2-0 trên sân nhà và vươn lên thứ hai trên bảng xếp hạng.
            \(Self.filler)
            """
        #expect(!(try Self.labels(match)).contains("award"))
    }

    @Test func amongTheBestIsADescriptionNotAnHonour() throws {
        let text = """
            Tiền đạo kỳ cựu trở lại sân cỏ
            Khi còn thi đấu, anh luôn nằm trong danh sách những cầu thủ xuất sắc nhất của thế hệ mình.
            \(Self.filler)
            """
        #expect(!(try Self.labels(text)).contains("award"))
        let honour = """
            Tiền đạo kỳ cựu trở lại sân cỏ
            Tối qua, anh được bầu là cầu thủ xuất sắc nhất giải và nhận cúp từ ban tổ chức.
            \(Self.filler)
            """
        #expect(try Self.labels(honour).contains("award"))
    }

    @Test func aModifiersWordInsideAPlaceNameIsNoModifier() throws {
        // "Cần Thơ" holds "cần" ("need", which makes an event a task ahead): the city's name
        // must not cancel the workshop held there.
        let held = """
            Doanh nghiệp bàn cách xuất khẩu nông sản
            Sáng 19/5, Hiệp hội doanh nghiệp TP Cần Thơ tổ chức hội thảo về xuất khẩu nông sản.
            \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
        // The word itself still says the event lies ahead.
        let needed = """
            Doanh nghiệp bàn cách xuất khẩu nông sản
            Theo các chuyên gia, thành phố cần tổ chức hội thảo về xuất khẩu nông sản.
            \(Self.filler)
            """
        #expect(!(try Self.labels(needed)).contains("conference"))
    }

    @Test func meetingACountryIsAFixtureNotAMeeting() throws {
        // "gặp" before a country: a team's next match.
        let fixture = """
            Tuyển Bồ Đào Nha công bố danh sách dự vòng loại
            Chiều 2/6, huấn luyện viên tuyển Bồ Đào Nha công bố danh sách 24 cầu thủ trước khi gặp Latvia ở vòng loại World Cup.
            \(Self.filler)
            """
        #expect(!(try Self.labels(fixture)).contains("conference"))
        // "gặp" before an official: a meeting.
        let meeting = """
            Thủ tướng gặp Bộ trưởng Ngoại giao Lào
            Chiều 2/6, tại Hà Nội, Thủ tướng gặp Bộ trưởng Ngoại giao Lào đang thăm Việt Nam.
            \(Self.filler)
            """
        #expect(try Self.labels(meeting).contains("conference"))
    }

    @Test func aRequiredOrCitedMeetingIsNoReportOfOne() throws {
        // A directive asking for a meeting: the meeting lies ahead.
        let required = """
            Bộ Y tế ra chỉ thị về phòng chống dịch
            Bộ trưởng yêu cầu các đơn vị tổ chức hội nghị quán triệt chỉ thị trong tháng tới.
            \(Self.filler)
            """
        #expect(!(try Self.labels(required)).contains("conference"))
        // Tasks set out at a past congress: background.
        let cited = """
            Thành phố loay hoay với bài toán chỉnh trang đô thị
            Chỉnh trang đô thị là một trong các nhiệm vụ đề ra tại Đại hội Đảng bộ thành phố nhiệm kỳ này.
            \(Self.filler)
            """
        #expect(!(try Self.labels(cited)).contains("conference"))
        let held = """
            Thành phố bàn giải pháp chỉnh trang đô thị
            Sáng 5/3, Thành ủy tổ chức hội nghị bàn giải pháp chỉnh trang đô thị.
            \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
    }

    @Test func theBanDanVanOrganisingAnEventIsItsWork() throws {
        // The Ban's full name sits between it and the verb.
        let organised = """
            Tập huấn kỹ năng cho cán bộ cơ sở
            Sáng 8/3, Ban Dân vận Tỉnh ủy Lạng Sơn tổ chức hội nghị tập huấn kỹ năng cho cán bộ cơ sở.
            \(Self.filler)
            """
        #expect(try Self.labels(organised).contains("dan_van"))
        // Named as one participant among others, the Ban does not make the story its work.
        let named = """
            Tập huấn kỹ năng cho cán bộ cơ sở
            Sáng 8/3, Sở Nội vụ tổ chức hội nghị tập huấn với đại diện Ban Dân vận Tỉnh ủy và các sở, ngành.
            \(Self.filler)
            """
        #expect(!(try Self.labels(named)).contains("dan_van"))
    }

    @Test func theArmysMassMobilisationIsDanVan() throws {
        // Border guards call their dân vận work "công tác vận động quần chúng".
        let army = """
            Người lính biên phòng bám bản
            Nhiều năm làm công tác vận động quần chúng ở đồn biên phòng, thiếu tá Lê Văn D được bà con tin yêu.
            \(Self.filler)
            """
        #expect(try Self.labels(army).contains("dan_van"))
        // Persuading people in passing, for a campaign, is another sense of vận động.
        let campaign = """
            Hiến máu cứu người
            Hội Chữ thập đỏ huyện vận động người dân tham gia hiến máu tình nguyện trong tháng này.
            \(Self.filler)
            """
        #expect(!(try Self.labels(campaign)).contains("dan_van"))
    }

    @Test func massWorkIsDanVanButAnOfficeNameIsNot() throws {
        // "Công tác quần chúng" names the same work as "công tác dân vận".
        let work = """
            Đồn biên phòng đẩy mạnh công tác quần chúng ở vùng cao
            Năm qua, cán bộ đồn biên phòng thực hiện công tác quần chúng tại năm bản giáp biên.
            \(Self.filler)
            """
        #expect(try Self.labels(work).contains("dan_van"))
        // The same words inside the name of an officer's department, in a story about a clinic day.
        let office = """
            Bác sĩ quân y khám bệnh cho ngư dân
            Sáng 3/4, đoàn bác sĩ quân y khám bệnh miễn phí cho 200 ngư dân trên đảo.
            \(Self.filler) Trung tá Nguyễn Văn A, Phó phòng Dân vận và công tác quần chúng, cho biết đoàn còn phát thuốc cho các hộ khó khăn.
            """
        #expect(!(try Self.labels(office)).contains("dan_van"))
    }

    @Test func peopleCarryingGoodsAreNoDanVan() throws {
        // "người dân vận chuyển": the word dân followed by vận chuyển, no mass-mobilisation.
        let text = """
            Người dân vận chuyển nông sản qua sông bằng thuyền
            Nhiều người dân vận chuyển nông sản qua sông bằng thuyền nhỏ vì cầu đang sửa.
            \(Self.filler)
            """
        #expect(!(try Self.labels(text)).contains("dan_van"))
    }

    @Test func anAnniversaryCeremonyWithItsCountIsAGathering() throws {
        let held = """
            Học viên trình diễn võ thuật mãn nhãn
            Các học viên đã trình diễn võ thuật tại lễ kỷ niệm 50 năm thành lập trường.
            \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
        let planned = """
            Học viên trình diễn võ thuật mãn nhãn
            Các học viên sẽ trình diễn võ thuật tại lễ kỷ niệm 50 năm thành lập trường.
            \(Self.filler)
            """
        #expect(!(try Self.labels(planned)).contains("conference"))
    }

    @Test func goingToSeeSomeoneIsNoMeeting() throws {
        // "đến gặp ông B": calling on one person on an errand.
        let errand = """
            Trả lại con chim lạ cho người dân
            Chiều 29/6, nhân viên công viên đã đến gặp ông Trần Văn B để nhận con chim lạ.
            \(Self.filler)
            """
        #expect(!(try Self.labels(errand)).contains("conference"))
        let meeting = """
            Bộ trưởng tiếp Đại sứ Nhật Bản
            Chiều 29/6, Bộ trưởng gặp ông Trần Văn B, Đại sứ Nhật Bản tại Việt Nam.
            \(Self.filler)
            """
        #expect(try Self.labels(meeting).contains("conference"))
    }

    @Test func aChampionshipHandedOverIsNoGathering() throws {
        // The trophy ceremony of a tournament belongs to the match, not to a gathering.
        let match = """
            Đội chủ nhà nhận cúp
            Tối 2/7, lễ trao chức vô địch cho đội chủ nhà diễn ra ngay trên sân sau trận chung kết.
            \(Self.filler)
            """
        #expect(!(try Self.labels(match)).contains("conference"))
        let contest = """
            Nông dân giỏi được tôn vinh
            Tối 2/7, lễ trao giải cuộc thi nhà nông giỏi diễn ra tại nhà văn hóa tỉnh.
            \(Self.filler)
            """
        #expect(try Self.labels(contest).contains("conference"))
    }

    @Test func aMeetingNextWeekIsPlanned() throws {
        let planned = """
            Lãnh đạo các nước bàn về thương mại
            Tuần tới, lãnh đạo 10 nước tham dự hội nghị thượng đỉnh khu vực tại Singapore.
            \(Self.filler)
            """
        #expect(!(try Self.labels(planned)).contains("conference"))
        let held = """
            Lãnh đạo các nước bàn về thương mại
            Tháng trước, lãnh đạo 10 nước tham dự hội nghị thượng đỉnh khu vực tại Singapore.
            \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
    }

    @Test func aTallyClosedByManyOtherHonoursIsPast() throws {
        let tally = """
            Sư đoàn anh hùng
            Sư đoàn đã được tặng Huân chương Quân công, Huân chương Chiến công, cùng nhiều phần thưởng cao quý khác.
            \(Self.filler)
            """
        #expect(!(try Self.labels(tally)).contains("award"))
        let given = """
            Sư đoàn anh hùng
            Sáng 5/3, sư đoàn được trao tặng Huân chương Quân công hạng Nhất vì thành tích huấn luyện.
            \(Self.filler)
            """
        #expect(try Self.labels(given).contains("award"))
    }

    @Test func prizesOverTheYearsAreARetrospective() throws {
        let retrospective = """
            Những bức ảnh đoạt giải qua các thời kỳ
            Cùng xem lại những bức ảnh đoạt giải thưởng báo chí quốc gia qua các thời kỳ.
            \(Self.filler)
            """
        #expect(!(try Self.labels(retrospective)).contains("award"))
        let thisYear = """
            Những bức ảnh đoạt giải báo chí quốc gia
            Tối 21/6, những bức ảnh đoạt giải thưởng báo chí quốc gia được công bố tại Hà Nội.
            \(Self.filler)
            """
        #expect(try Self.labels(thisYear).contains("award"))
    }

    @Test func danVanTheOpeningNeverNamesIsAPassingMention() throws {
        // The story is the village's new status; its dân vận model comes up only deep in the body.
        let passing = """
            Xã vùng cao về đích nông thôn mới
            Xã Tân Lập vừa được công nhận đạt chuẩn nông thôn mới sau 5 năm phấn đấu.
            \(Self.filler) Xã có mô hình dân vận khéo trong làm đường giao thông. Công tác dân vận ở các thôn được chú trọng.
            """
        #expect(!(try Self.labels(passing)).contains("dan_van"))
        let opening = """
            Xã vùng cao về đích nông thôn mới
            Xã Tân Lập có mô hình dân vận khéo trong làm đường giao thông, công tác dân vận ở các thôn được chú trọng.
            \(Self.filler)
            """
        #expect(try Self.labels(opening).contains("dan_van"))
    }

    @Test func announcingADecisionToWithdrawIsNoCeremony() throws {
        let announced = """
            Tập đoàn rời hiệp hội
            Sáng 7/3, tập đoàn công bố quyết định rút khỏi hiệp hội doanh nghiệp.
            \(Self.filler)
            """
        #expect(!(try Self.labels(announced)).contains("conference"))
        // Announcing an appointment decision is the decision-handing ceremony.
        let appointed = """
            Tỉnh có tân Giám đốc Sở
            Sáng 7/3, tỉnh công bố quyết định bổ nhiệm Giám đốc Sở Y tế.
            \(Self.filler)
            """
        #expect(try Self.labels(appointed).contains("conference"))
    }

    @Test func honoursRevokedAreNoAward() throws {
        let revoked = """
            Hủy bỏ danh hiệu của một công ty
            Sáng 5/6, Chủ tịch nước đã ký quyết định hủy bỏ quyết định khen thưởng Huân chương Lao động hạng nhì đối với công ty.
            \(Self.filler)
            """
        #expect(!(try Self.labels(revoked)).contains("award"))
        let given = """
            Trao danh hiệu cho một công ty
            Sáng 5/6, Chủ tịch nước đã ký quyết định tặng thưởng Huân chương Lao động hạng nhì cho công ty.
            \(Self.filler)
            """
        #expect(try Self.labels(given).contains("award"))
    }

    @Test func somethingPresentedIsNoHonourByItself() throws {
        // "được trao tặng" says only that something was handed over: here, a gift.
        let gift = """
            Trường học có máy lọc nước mới
            Sáng 12/5, ba trường tiểu học trong huyện được trao tặng hệ thống máy lọc nước sạch.
            \(Self.filler)
            """
        #expect(!(try Self.labels(gift)).contains("award"))
        let honour = """
            Trường học đón nhận Huân chương
            Sáng 12/5, trường tiểu học của huyện được trao tặng Huân chương Lao động hạng ba.
            \(Self.filler)
            """
        #expect(try Self.labels(honour).contains("award"))
    }

    @Test func aLotteryJackpotIsNoPrize() throws {
        let text = """
            Một người trúng giải độc đắc hơn 50 tỷ đồng
            Tối 6/6, kỳ quay số mở thưởng đã tìm ra một vé trúng giải độc đắc, ngoài ra còn có nhiều vé trúng giải nhất, giải nhì và giải ba.
            \(Self.filler)
            """
        #expect(!(try Self.labels(text)).contains("award"))
    }

    @Test func anHonourDatedBackInTimeIsBackground() throws {
        let past = """
            Ông A nói về quan hệ với ông B
            Trả lời phỏng vấn tối 4/6, ông A cho biết chỉ ngồi cạnh ông B trong một bữa tiệc tôn vinh một đài truyền hình hồi tháng 12 năm ngoái.
            \(Self.filler)
            """
        #expect(!(try Self.labels(past)).contains("award"))
        #expect(!(try Self.labels(past)).contains("conference"))
    }

    @Test func aDirectiveToDoDanVanWorkIsNoReportOfIt() throws {
        // A leader's list of tasks names the work in passing: a task set, not work reported.
        let directive = """
            Thành phố đẩy nhanh tiến độ giải phóng mặt bằng
            Sáng 4/3, Chủ tịch UBND thành phố yêu cầu các quận phải làm tốt công tác dân vận, bàn giao mặt bằng trước tháng 6.
            \(Self.filler)
            """
        #expect(!(try Self.labels(directive)).contains("dan_van"))
        // Units doing the work, reported as the story.
        let work = """
            Lực lượng vũ trang tỉnh làm tốt công tác dân vận
            Thời gian qua, các đơn vị quân đội đóng quân trên địa bàn đã tích cực tham gia công tác dân vận, giúp dân xây nhà, làm đường.
            \(Self.filler)
            """
        #expect(try Self.labels(work).contains("dan_van"))
    }

    @Test func aContestsRulesAreNoAwardNorGathering() throws {
        let rules = """
            Thể lệ cuộc thi viết về người tốt việc tốt
            Cuộc thi có cơ cấu giải thưởng gồm 1 giải nhất, 2 giải nhì và 3 giải ba cho các tác phẩm xuất sắc.
            \(Self.filler)
            """
        let labels = try Self.labels(rules)
        #expect(!labels.contains("award"))
        #expect(!labels.contains("conference"))
        // The prizes given, the same words.
        let given = """
            Trao giải cuộc thi viết về người tốt việc tốt
            Sáng 9/10, ban tổ chức đã trao 1 giải nhất, 2 giải nhì và 3 giải ba cho các tác phẩm xuất sắc.
            \(Self.filler)
            """
        #expect(try Self.labels(given).contains("award"))
    }

    @Test func aMeetingAheadNamedFarFromItsFutureMarkerIsPlanned() throws {
        let planned = """
            Liên hợp quốc lên án vụ thử tên lửa
            Người phát ngôn cho biết các nước sẽ đưa vấn đề này ra thảo luận trong cuộc họp khẩn cấp ngày 23/5.
            \(Self.filler)
            """
        #expect(!(try Self.labels(planned)).contains("conference"))
        let held = """
            Liên hợp quốc lên án vụ thử tên lửa
            Người phát ngôn cho biết các nước đã đưa vấn đề này ra thảo luận trong cuộc họp khẩn cấp ngày 23/5.
            \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
    }

    @Test func aCourtHearingIsNoGathering() throws {
        let trial = """
            Kẻ trộm xe máy lãnh án 3 năm tù
            Sáng 12/6, phiên tòa xét xử lưu động được tổ chức tại hội trường xã với sự tham dự của hàng trăm người dân.
            Tại buổi xét xử, bị cáo thừa nhận hành vi phạm tội. \(Self.filler)
            """
        #expect(!(try Self.labels(trial)).contains("conference"))
        let meeting = """
            Xã họp dân bàn làm đường
            Sáng 12/6, buổi họp dân được tổ chức tại hội trường xã với đông đảo người dân tham dự.
            \(Self.filler)
            """
        #expect(try Self.labels(meeting).contains("conference"))
    }

    @Test func theOrganisingBoardIsNoEventOrganised() throws {
        // "Ban tổ chức" names a board (an event's organisers, the Party's personnel department):
        // it is no report that something was organised.
        func cues(_ text: String) throws -> [String] {
            let input = ArticleInput(id: "t", url: nil, source: nil, contentType: .text, body: Array(text.utf8))
            return try Analyzer().explainTopics(input).first { $0.label == "conference" }?.cues.map(\.evidence.text) ?? []
        }
        #expect(try cues("Ban tổ chức giải chạy cho biết lộ trình năm nay\n\(Self.filler)") == [])
        #expect(try cues("Thành phố tổ chức giải chạy\n\(Self.filler)") == ["tổ chức"])
    }

    @Test func theArmyDoingItsMassWorkWellIsTheStory() throws {
        let text = """
            Đồn Biên phòng làm tốt công tác vận động quần chúng
            Thời gian qua, cán bộ, chiến sĩ Đồn Biên phòng A đã giúp bà con xóa 20 căn nhà tạm, vận động con em đồng bào đến trường.
            \(Self.filler)
            """
        #expect(try Self.labels(text).contains("dan_van"))
    }

    @Test func aFestivalDayHeldIsAGatheringUnlessCancelled() throws {
        let held = """
            Thiếu nhi vui Tết Trung thu
            Tối 14/9, ngày hội trăng rằm dành cho thiếu nhi đã diễn ra tại nhà văn hóa huyện với hơn 500 em tham gia.
            Các em được thi làm đèn lồng và phá cỗ. \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
        let cancelled = """
            Thiếu nhi vui Tết Trung thu
            Tối 14/9, ngày hội trăng rằm dành cho thiếu nhi tại nhà văn hóa huyện đã bị hủy vì mưa lớn kéo dài.
            Các em sẽ được nhận quà tại trường. \(Self.filler)
            """
        #expect(!(try Self.labels(cancelled)).contains("conference"))
    }

    @Test func aHeadlineStatingATaskNamesItsTopic() throws {
        let text = """
            Cần đổi mới công tác dân vận trong tình hình mới
            Phát biểu tại hội nghị, Phó Bí thư Tỉnh ủy yêu cầu các cấp ủy phải đổi mới nội dung, phương thức công tác dân vận.
            Đồng chí cũng đề nghị các ngành cần nâng cao hiệu quả công tác dân vận chính quyền. \(Self.filler)
            """
        #expect(try Self.labels(text).contains("dan_van"))
    }

    @Test func anObituarysHonoursAreALifesTally() throws {
        let obituary = """
            Vĩnh biệt nhà báo A
            Nhà báo A, người được trao tặng Huân chương Lao động hạng Nhất và giải thưởng báo chí quốc gia, đã qua đời sáng 3/7.
            \(Self.filler)
            """
        #expect(!(try Self.labels(obituary)).contains("award"))
        // Honours given to someone who died, reported as news.
        let posthumous = """
            Trao bằng khen cho người dân quân hy sinh khi cứu dân trong lũ
            Sáng 3/7, Chủ tịch UBND tỉnh đã trao bằng khen cho gia đình anh B, dân quân đã qua đời khi cứu người trong lũ.
            \(Self.filler)
            """
        #expect(try Self.labels(posthumous).contains("award"))
    }

    @Test func aQuestionHeadlineNeedsStrongerEvidenceOfAnAward() throws {
        // The same weak cues: asked about in the headline, stated in it.
        let asked = """
            Danh hiệu và giải thưởng nào cho nữ ca sĩ trẻ?
            Nữ ca sĩ trẻ có một năm thành công với nhiều giải thưởng, danh hiệu và phần thưởng từ khán giả.
            \(Self.filler)
            """
        #expect(!(try Self.labels(asked)).contains("award"))
        let stated = """
            Danh hiệu và giải thưởng cho nữ ca sĩ trẻ
            Nữ ca sĩ trẻ có một năm thành công với nhiều giải thưởng, danh hiệu và phần thưởng từ khán giả.
            \(Self.filler)
            """
        #expect(try Self.labels(stated).contains("award"))
    }

    @Test func aCeremonyDatedOnlyToAYearIsAProjectsHistory() throws {
        let history = """
            Cây cầu mới sắp thông xe
            Cây cầu được khởi công từ năm 2021 với tổng vốn đầu tư 500 tỷ đồng, dự kiến thông xe vào cuối năm nay.
            \(Self.filler)
            """
        #expect(!(try Self.labels(history)).contains("conference"))
        let held = """
            Cây cầu mới được khởi công
            Sáng 3/6, cây cầu được khởi công với tổng vốn đầu tư 500 tỷ đồng, dự kiến thông xe vào cuối năm sau.
            \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
    }

    @Test func aMeetingTomorrowIsPlanned() throws {
        let tomorrow = """
            Tin Quốc hội
            Sáng mai, Quốc hội bế mạc kỳ họp thứ 5 sau gần một tháng làm việc, Tổng Thư ký Quốc hội cho biết.
            \(Self.filler)
            """
        #expect(!(try Self.labels(tomorrow)).contains("conference"))
        let today = """
            Tin Quốc hội
            Sáng nay, Quốc hội bế mạc kỳ họp thứ 5 sau gần một tháng làm việc, Tổng Thư ký Quốc hội cho biết.
            \(Self.filler)
            """
        #expect(try Self.labels(today).contains("conference"))
    }

    @Test func aConcertIsNoGathering() throws {
        let concert = """
            Đêm nhạc mừng 20 năm ca hát của nam ca sĩ
            Tối 5/5, nam ca sĩ tổ chức đêm nhạc mừng 20 năm ca hát tại nhà hát thành phố.
            \(Self.filler)
            """
        #expect(!(try Self.labels(concert)).contains("conference"))
        let ceremony = """
            Nhà hát kỷ niệm 20 năm thành lập
            Tối 5/5, nhà hát tổ chức lễ kỷ niệm 20 năm thành lập tại thành phố.
            \(Self.filler)
            """
        #expect(try Self.labels(ceremony).contains("conference"))
    }

    @Test func anHonourGivenToANamedRecipientCountsDeepInTheBody() throws {
        let story = """
            Triệt phá đường dây buôn lậu thuốc lá
            Công an tỉnh vừa triệt phá một đường dây buôn lậu thuốc lá qua biên giới, bắt giữ 8 đối tượng.
            \(Self.filler) \(Self.filler) Các đối tượng khai đã đưa hàng nghìn bao thuốc qua biên giới. Chiều 3/6, Giám đốc Công an tỉnh đã khen thưởng Ban chuyên án vì thành tích xuất sắc.
            """
        #expect(try Self.labels(story).contains("award"))
        // The policy of timely commendation gives nothing to anyone.
        let policy = """
            Triệt phá đường dây buôn lậu thuốc lá
            Công an tỉnh vừa triệt phá một đường dây buôn lậu thuốc lá qua biên giới, bắt giữ 8 đối tượng.
            \(Self.filler) \(Self.filler) Các đối tượng khai đã đưa hàng nghìn bao thuốc qua biên giới. Lãnh đạo tỉnh yêu cầu khen thưởng kịp thời các tập thể, cá nhân có thành tích.
            """
        #expect(!(try Self.labels(policy)).contains("award"))
    }

    @Test func aFormalProposalOfAnHonourCounts() throws {
        let proposed = """
            Đề nghị tặng Bằng khen cho người cứu cháu bé
            UBND tỉnh đã đề nghị Thủ tướng Chính phủ tặng Bằng khen cho anh Lê Văn Nam vì đã dũng cảm cứu một cháu bé bị đuối nước.
            \(Self.filler)
            """
        #expect(try Self.labels(proposed).contains("award"))
        // A dossier being prepared is a procedure, not a proposal made.
        let dossier = """
            Người cứu cháu bé được nhiều người cảm phục
            Anh Lê Văn Nam đang hoàn thiện hồ sơ đề nghị tặng Bằng khen sau khi cứu một cháu bé bị đuối nước.
            \(Self.filler)
            """
        #expect(!(try Self.labels(dossier)).contains("award"))
    }

    @Test func anIndividualTrophyIsAnAwardButTheRaceIsNot() throws {
        let won = """
            Tiền đạo trẻ nhận Chiếc giày vàng
            Tiền đạo trẻ đã được trao Chiếc giày vàng của giải đấu sau khi ghi 6 bàn.
            \(Self.filler)
            """
        #expect(try Self.labels(won).contains("award"))
        let race = """
            Tiền đạo trẻ dẫn đầu cuộc đua Giày vàng
            Tiền đạo trẻ đang dẫn đầu cuộc đua Giày vàng của giải đấu với 6 bàn.
            \(Self.filler)
            """
        #expect(!(try Self.labels(race)).contains("award"))
    }

    @Test func borderGuardsMassWorkIsDanVan() throws {
        let work = """
            Những người lính biên phòng gần dân
            Nhiều năm qua, cán bộ Đồn Biên phòng Tà Lùng luôn bám bản, giúp đồng bào phát triển kinh tế.
            \(Self.filler) Vì thế, công tác vận động quần chúng của bộ đội biên phòng luôn được chú trọng.
            """
        #expect(try Self.labels(work).contains("dan_van"))
        let gifts = """
            Những người lính biên phòng gần dân
            Nhiều năm qua, cán bộ Đồn Biên phòng Tà Lùng luôn bám bản, giúp đồng bào phát triển kinh tế.
            \(Self.filler) Đồn đã trao 50 suất quà cho các hộ nghèo.
            """
        #expect(!(try Self.labels(gifts)).contains("dan_van"))
    }

    @Test func aTitleCallingForEntriesIsNoContestHeld() throws {
        // A contest still taking entries: nothing was held or given yet.
        let open = """
            Cuộc thi sáng tác ca khúc về biển đảo nhận tác phẩm đến hết tháng 10
            Hội Nhạc sĩ tỉnh vừa phát động Cuộc thi sáng tác ca khúc về biển đảo quê hương, dành cho mọi tác giả trong và ngoài tỉnh.
            \(Self.filler) Mỗi tác giả được gửi tối đa hai ca khúc chưa công bố.
            """
        let openLabels = try Self.labels(open)
        #expect(!openLabels.contains("conference"))
        #expect(!openLabels.contains("award"))
        let held = """
            Cuộc thi sáng tác ca khúc về biển đảo tìm ra giải nhất
            Tối 20/11, Hội Nhạc sĩ tỉnh tổ chức lễ trao giải Cuộc thi sáng tác ca khúc về biển đảo quê hương, trao giải nhất cho nhạc sĩ Trần Minh.
            \(Self.filler)
            """
        let heldLabels = try Self.labels(held)
        #expect(heldLabels.contains("conference"))
        #expect(heldLabels.contains("award"))
    }

    @Test func eventsNamedAfterSeDienRaAreStillPlanned() throws {
        // "sẽ diễn ra ... với 6 đêm chung kết": the finals come after the future verb, still planned.
        let planned = """
            Liên hoan đờn ca tài tử công bố lịch biểu diễn
            Liên hoan đờn ca tài tử toàn quốc lần thứ ba sẽ diễn ra từ ngày 12/4 tại Bạc Liêu với 6 đêm chung kết.
            \(Self.filler)
            """
        #expect(!(try Self.labels(planned)).contains("conference"))
        let held = """
            Liên hoan đờn ca tài tử khép lại sau 5 ngày
            Tối 16/4, tại Bạc Liêu, Ban tổ chức Liên hoan đờn ca tài tử toàn quốc lần thứ ba tổ chức lễ bế mạc sau 6 đêm chung kết sôi nổi.
            \(Self.filler)
            """
        #expect(try Self.labels(held).contains("conference"))
    }

    @Test func aCueAfterACommaThatRunsOnIsNoListItem() throws {
        // After an opening phrase and a comma, "khối dân vận" is the subject of a long clause.
        let subject = """
            Xóm núi có điện sáng
            Sau gần một năm, 40 hộ ở xóm Khe Mọ đã có điện lưới quốc gia. Theo lãnh đạo xã, để kéo được đường điện, khối dân vận của xã đã kiên trì đến từng nhà vận động bà con nhường đất dựng cột.
            \(Self.filler)
            """
        #expect(try Self.labels(subject).contains("dan_van"))
        // One short item among the blocs of an inspection team.
        let item = """
            Xóm núi có điện sáng
            Sau gần một năm, 40 hộ ở xóm Khe Mọ đã có điện lưới quốc gia. Theo lãnh đạo xã, đoàn kiểm tra gồm đại diện các khối mặt trận, khối dân vận, khối nội chính của huyện.
            \(Self.filler)
            """
        #expect(!(try Self.labels(item)).contains("dan_van"))
    }

    @Test func anHonourHandedOverAtTheReportedMeetingCounts() throws {
        // The closing paragraph of a meeting report: certificates handed over at that meeting.
        let atTheMeeting = """
            Hội Cựu chiến binh huyện tổng kết năm 2025
            Sáng 5/1, Hội Cựu chiến binh huyện Đông Anh tổ chức hội nghị tổng kết công tác hội năm 2025.
            \(Self.filler) \(Self.filler) Tại hội nghị, Chủ tịch UBND huyện trao Giấy khen cho 15 tập thể, 20 cá nhân có thành tích tiêu biểu.
            """
        #expect(try Self.labels(atTheMeeting).contains("award"))
        // Certificates of earlier years, recalled at the end: a past tally.
        let past = """
            Hội Cựu chiến binh huyện tổng kết năm 2025
            Sáng 5/1, Hội Cựu chiến binh huyện Đông Anh tổ chức hội nghị tổng kết công tác hội năm 2025.
            \(Self.filler) \(Self.filler) Những năm trước, hội đã nhận Giấy khen của UBND huyện.
            """
        #expect(!(try Self.labels(past)).contains("award"))
    }

    @Test func tiepNhanIsNoReception() throws {
        // "đã tiếp nhận" (received money): no visitor was received.
        let money = """
            Quỹ khuyến học xã có thêm nguồn lực
            Sáng 8/9, Hội Khuyến học xã Tân Phong đã tiếp nhận hơn 200 triệu đồng từ con em xa quê gửi về.
            \(Self.filler)
            """
        #expect(!(try Self.labels(money)).contains("conference"))
        let visit = """
            Lãnh đạo tỉnh gặp gỡ kiều bào
            Chiều 3/2, Chủ tịch UBND tỉnh đã tiếp đoàn kiều bào về quê ăn Tết.
            \(Self.filler)
            """
        #expect(try Self.labels(visit).contains("conference"))
    }
}
