import Foundation

/// Makes small Vietnamese-looking news articles with unique ids, URLs and bodies, for load in
/// the integration tests (deterministic for a given seed; no real text is copied).
public struct ArticleGenerator: Sendable {
    /// One generated article.
    public struct Article: Sendable {
        /// The producer's id, e.g. "kill-0007".
        public var id: String
        /// A unique URL.
        public var url: String
        /// Title line, blank line, paragraphs.
        public var text: String
        /// True when it was written to carry the award label.
        public var mentionsAward: Bool
    }

    private static let places = ["Hà Nội", "Nghệ An", "Thanh Hóa", "Đà Nẵng", "Cần Thơ", "Quảng Ninh", "Huế", "Bắc Ninh",
                                 "Lạng Sơn", "Sóc Trăng", "Gia Lai", "Hải Phòng", "Bình Định", "Lào Cai"]
    private static let bodies = ["Ban Dân vận Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
                                 "Đoàn Thanh niên", "Hội Cựu chiến binh", "Liên đoàn Lao động"]
    private static let models = ["Dân vận khéo", "dân vận chính quyền", "xây dựng nông thôn mới", "chuyển đổi số",
                                 "bảo vệ môi trường", "đền ơn đáp nghĩa"]

    /// A prefix for ids and URLs, so two tests' articles never collide.
    public var prefix: String
    /// Varies the text.
    public var seed: UInt64

    /// Creates a generator.
    public init(prefix: String, seed: UInt64 = 1) {
        self.prefix = prefix
        self.seed = seed
    }

    /// Article number `index` (every third one mentions an award ceremony).
    public func article(_ index: Int) -> Article {
        var state = seed &* 6364136223846793005 &+ UInt64(index) &* 1442695040888963407
        func pick<T>(_ list: [T]) -> T {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return list[Int((state >> 33) % UInt64(list.count))]
        }
        let place = pick(Self.places), body = pick(Self.bodies), model = pick(Self.models)
        let year = 2019 + index % 6
        let award = index % 3 == 0
        let number = String(format: "%04d", index)
        var paragraphs: [String] = []
        let title: String
        if award {
            title = "\(place): biểu dương, khen thưởng tập thể và cá nhân điển hình mô hình \(model) (số \(number))"
            paragraphs.append("Ngày \(index % 28 + 1)/\(index % 12 + 1)/\(year), \(body) tỉnh \(place) tổ chức hội nghị tổng kết phong trào thi đua \"\(model)\" giai đoạn \(year - 5)–\(year).")
            paragraphs.append("Tại hội nghị, đồng chí Trưởng ban đã trao bằng khen cho \(index % 40 + 5) tập thể và \(index % 60 + 10) cá nhân có thành tích xuất sắc; nhiều mô hình dân vận khéo được vinh danh.")
        } else {
            title = "\(place) nhân rộng mô hình \(model) ở cơ sở (bài \(number))"
            paragraphs.append("Năm \(year), \(body) tỉnh \(place) đẩy mạnh công tác dân vận, hướng dẫn các địa phương xây dựng \(index % 90 + 10) mô hình \"\(model)\".")
            paragraphs.append("Các mô hình tập trung vào phát triển kinh tế, giữ gìn an ninh trật tự, chăm lo đời sống nhân dân; cán bộ gần dân, hiểu dân, trọng dân.")
        }
        paragraphs.append("Thời gian tới, địa phương tiếp tục phát huy vai trò của hệ thống chính trị, tăng cường đối thoại với nhân dân (mã bài \(prefix)-\(number)).")
        let text = ([title, ""] + paragraphs.flatMap { [$0, ""] }).joined(separator: "\n")
        return Article(id: "\(prefix)-\(number)", url: "https://tin.example.vn/\(prefix)/bai-\(number).html", text: text, mentionsAward: award)
    }

    /// Articles `0..<count`.
    public func articles(_ count: Int, from start: Int = 0) -> [Article] {
        (start..<(start + count)).map(article)
    }

    /// The articles as a JSON-lines file for `tinq push --jsonl` ({"id", "url", "text"}).
    public static func jsonLines(_ articles: [Article]) throws -> String {
        var out = ""
        for a in articles {
            let data = try JSONSerialization.data(withJSONObject: ["id": a.id, "url": a.url, "text": a.text], options: [.sortedKeys])
            out += String(decoding: data, as: UTF8.self) + "\n"
        }
        return out
    }
}
