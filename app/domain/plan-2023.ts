import type { TemplateCard } from "./schema";
import type { Criterion } from "./vocabulary";

export { PLAN_2023_OBLIGATIONS, type PlanObligation } from "./plan-2023-obligations";

// The 2023 plan of Phòng GD&ĐT Kiến An (seed/000_7d7d882c88c23fa0.txt) as the
// starting board of every school. Titles are short; descriptions and items
// quote or condense the plan's own sentences, so a principal reads the
// district's words, not ours. Template ids are stable: the district's later
// template changes and the overview match cards by them.

export const PLAN_2023 = {
  name: "Phong trào thi đua “Xây dựng quận Kiến An Sáng - Xanh - Sạch - Đẹp - An toàn - Văn minh” năm 2023",
  // The number is left blank in the issued text ("Số:      /KH - PGDĐT").
  planNumber: "…/KH-PGDĐT",
  // The text is dated "ngày … tháng 4 năm 2023" with the day blank: the 10th is
  // our approximation, after the city plan of 04/04/2023 it implements.
  planDate: "2023-04-10",
  issuer: "Phòng Giáo dục và Đào tạo quận Kiến An",
  parentPlan: "44/KH-SGDĐT ngày 04/04/2023 của Sở GD&ĐT Hải Phòng",
  /** Schools report "trước ngày 05/12/2023": before this day. */
  deadline: "2023-12-05",
} as const;

const ALL: Criterion[] = ["sang", "xanh", "sach", "dep", "an_toan", "van_minh"];

type Draft = Omit<TemplateCard, "checklist"> & { checklist: [text: string, needsEvidence: boolean][] };

// Item ids are the card's id plus their place in the plan: "tpl-report-2".
function card(draft: Draft): TemplateCard {
  return {
    ...draft,
    checklist: draft.checklist.map(([text, needsEvidence], i) => ({
      templateId: `${draft.templateId}-${i + 1}`,
      text,
      needsEvidence,
    })),
  };
}

export const PLAN_2023_TEMPLATE: TemplateCard[] = [
  card({
    templateId: "tpl-action-plan",
    section: "I.2",
    category: "action_plan",
    criteria: ALL,
    title: "Xây dựng kế hoạch hành động chi tiết của trường",
    description:
      "Các cơ sở giáo dục chủ động xây dựng kế hoạch hành động chi tiết để tổ chức triển khai, tuyên truyền, vận động, giáo dục đến cán bộ, viên chức, người lao động; học sinh và cha mẹ học sinh. Trong quá trình thực hiện phải làm rõ trọng tâm, trọng điểm và theo một lộ trình phù hợp; phải gắn các hoạt động cụ thể liên quan đến bảo vệ cảnh quan và vệ sinh môi trường.",
    dueDate: "2023-05-05",
    checklist: [
      ["Xây dựng kế hoạch hành động chi tiết, làm rõ trọng tâm, trọng điểm và lộ trình phù hợp", true],
      ["Gắn các hoạt động cụ thể liên quan đến bảo vệ cảnh quan và vệ sinh môi trường", false],
      ["Tổ chức phát động phong trào thi đua trong nhà trường", true],
    ],
  }),
  card({
    templateId: "tpl-communicate",
    section: "I.2",
    category: "propaganda",
    criteria: ["van_minh"],
    title: "Triển khai, tuyên truyền đến CB-GV-NV, học sinh và cha mẹ học sinh",
    description:
      "Tổ chức triển khai, tuyên truyền, vận động, giáo dục đến cán bộ, viên chức, người lao động; học sinh và cha mẹ học sinh, để mọi người nhận thức rõ ràng tính cấp bách và tầm quan trọng của việc xây dựng quận Kiến An Sáng - Xanh - Sạch - Đẹp - An toàn - Văn minh, tự giác tham gia thực hiện nếp sống văn hóa văn minh đô thị.",
    dueDate: "2023-05-15",
    checklist: [
      ["Triển khai đến cán bộ, viên chức, người lao động", true],
      ["Tuyên truyền, giáo dục đến học sinh", true],
      ["Tuyên truyền, vận động cha mẹ học sinh", false],
    ],
  }),
  card({
    templateId: "tpl-propaganda-content",
    section: "II.1",
    category: "propaganda",
    criteria: ["van_minh"],
    title: "Xây dựng nội dung tuyên truyền, lựa chọn hình thức truyền thông",
    description:
      "Tập trung xây dựng nội dung tuyên truyền; lựa chọn, sử dụng các biện pháp thông tin truyền thông hiệu quả và phù hợp với từng khu vực, đối tượng.",
    dueDate: "2023-05-15",
    checklist: [
      ["Xây dựng nội dung tuyên truyền", true],
      ["Lựa chọn, sử dụng các biện pháp thông tin truyền thông phù hợp với từng đối tượng", false],
    ],
  }),
  card({
    templateId: "tpl-fined-behaviours",
    section: "II.1",
    category: "propaganda",
    criteria: ["van_minh", "an_toan"],
    title: "Phổ biến các hành vi vi phạm nếp sống văn minh đô thị bị xử lý",
    description:
      "Phổ biến đầy đủ các nội dung các hành vi vi phạm nếp sống văn hóa văn minh đô thị sẽ bị xử lý hành chính đến với mọi người dân và cán bộ, công chức, viên chức, người lao động.",
    dueDate: "2023-06-15",
    checklist: [
      ["Phổ biến đến cán bộ, viên chức, người lao động của trường", true],
      ["Phổ biến đến học sinh và cha mẹ học sinh", false],
    ],
  }),
  card({
    templateId: "tpl-community",
    section: "II.1",
    category: "propaganda",
    criteria: ["van_minh", "sach"],
    title: "Vận động tổ dân phố và gia đình hưởng ứng phong trào",
    description:
      "Tập trung tăng cường công tác vận động, giáo dục quần chúng nhân dân đến từng tổ dân phố và gia đình nhằm tạo nên phong trào quần chúng rộng rãi để mọi tầng lớp nhân dân trực tiếp hưởng ứng tham gia với tư cách là một chủ thể vừa vận động vừa thực hiện.",
    dueDate: "2023-06-30",
    checklist: [
      ["Vận động gia đình học sinh hưởng ứng tham gia", false],
      ["Phối hợp vận động các tổ dân phố trên địa bàn phường", true],
    ],
  }),
  card({
    templateId: "tpl-slogans",
    section: "II.2",
    category: "propaganda",
    criteria: ["sang", "dep", "van_minh"],
    title: "Treo khẩu hiệu, pano, áp phích; tổ chức diễu hành cổ động",
    description:
      "Đồng bộ nhiều hình thức tuyên truyền, cổ động cho phong trào thi đua như: tuyên truyền trên các phương tiện thông tin đại chúng, treo khẩu hiệu, pano, áp phích, diễu hành.",
    dueDate: "2023-05-31",
    checklist: [
      ["Tuyên truyền trên các phương tiện thông tin đại chúng", false],
      ["Treo khẩu hiệu, pano, áp phích", true],
      ["Tổ chức diễu hành cổ động", true],
    ],
  }),
  card({
    templateId: "tpl-cleanup",
    section: "II.2",
    category: "cleanup_landscape",
    criteria: ["xanh", "sach", "dep"],
    title: "Ra quân làm vệ sinh, chỉnh trang cảnh quan",
    description:
      "Tổ chức các đợt ra quân làm vệ sinh, chỉnh trang cảnh quan đô thị; gắn các hoạt động cụ thể liên quan đến bảo vệ cảnh quan và vệ sinh môi trường.",
    dueDate: "2023-08-31",
    checklist: [
      ["Tổ chức đợt ra quân làm vệ sinh trường học và khu vực xung quanh", true],
      ["Chỉnh trang cảnh quan nhà trường", true],
    ],
  }),
  card({
    templateId: "tpl-party-cell",
    section: "II.2",
    category: "propaganda",
    criteria: ["van_minh"],
    title: "Đưa nội dung phong trào vào sinh hoạt chi bộ và các tổ chức trong nhà trường",
    description: "Đưa nội dung phong trào vào sinh hoạt chi bộ và các tổ chức trong nhà trường.",
    dueDate: "2023-06-30",
    checklist: [
      ["Đưa nội dung phong trào vào sinh hoạt chi bộ", true],
      ["Đưa nội dung phong trào vào sinh hoạt của các tổ chức trong nhà trường", true],
    ],
  }),
  card({
    templateId: "tpl-inspection",
    section: "I.2",
    category: "action_plan",
    criteria: ["sach", "dep", "an_toan"],
    title: "Kiểm tra, đôn đốc thường xuyên; giữ tuyến phố của trường mình",
    description:
      "Sau khi tổ chức phát động, các đơn vị phải kiểm tra đôn đốc thường xuyên theo kế hoạch cụ thể, đảm bảo chất lượng tuyến phố của trường mình, các khu vực dân cư trên địa bàn phường và được mọi người dân tại những nơi đó đồng tình và hưởng ứng tham gia tích cực.",
    dueDate: "2023-11-15",
    checklist: [
      ["Lập kế hoạch kiểm tra, đôn đốc cụ thể", false],
      ["Kiểm tra, đôn đốc thường xuyên, đảm bảo chất lượng tuyến phố của trường mình", true],
      ["Phối hợp giữ gìn các khu vực dân cư trên địa bàn phường", false],
    ],
  }),
  card({
    templateId: "tpl-traffic-safety",
    section: "III.2",
    category: "traffic_safety",
    criteria: ["an_toan", "van_minh"],
    title: "Giáo dục an toàn giao thông cho học sinh",
    description:
      "Tổ chức các chương trình, hoạt động cụ thể nhằm tăng cường thực hiện công tác giáo dục an toàn giao thông cho học sinh trong các trường học; có ý thức và hành vi văn hóa khi tham gia giao thông.",
    dueDate: "2023-10-31",
    checklist: [
      ["Xây dựng chương trình, hoạt động giáo dục an toàn giao thông", false],
      ["Tổ chức hoạt động giáo dục an toàn giao thông cho học sinh", true],
    ],
  }),
  card({
    templateId: "tpl-environment",
    section: "III.2",
    category: "environment",
    criteria: ["xanh", "sach"],
    title: "Giáo dục bảo vệ môi trường cho học sinh",
    description:
      "Tổ chức các chương trình, hoạt động cụ thể nhằm tăng cường thực hiện công tác giáo dục bảo vệ môi trường cho học sinh trong các trường học; thực hiện hành vi, ứng xử có văn hóa, thân thiện với môi trường.",
    dueDate: "2023-10-31",
    checklist: [
      ["Xây dựng chương trình, hoạt động giáo dục bảo vệ môi trường", false],
      ["Tổ chức hoạt động giáo dục bảo vệ môi trường cho học sinh", true],
    ],
  }),
  card({
    templateId: "tpl-illegal-ads",
    section: "III.2",
    category: "illegal_ads",
    criteria: ["sach", "dep", "van_minh"],
    title: "Xóa quảng cáo, rao vặt trái quy định",
    description:
      "Triển khai thực hiện Chỉ thị số 24/CT-UBND ngày 14/12/2015 của Ủy ban nhân dân thành phố về việc tăng cường các giải pháp thực hiện công tác xóa quảng cáo, rao vặt trái quy định trên địa bàn thành phố Hải Phòng; thực hiện Kế hoạch số 46/KH-BCĐ ngày 09/3/2022 của Ban chỉ đạo thực hiện xóa quảng cáo, rao vặt trái quy định quận năm 2022 và các văn bản chỉ đạo của Phòng GD&ĐT.",
    dueDate: "2023-09-30",
    checklist: [
      ["Triển khai thực hiện Chỉ thị số 24/CT-UBND ngày 14/12/2015 của UBND thành phố", false],
      ["Thực hiện Kế hoạch số 46/KH-BCĐ ngày 09/3/2022 của Ban chỉ đạo quận", false],
      ["Xóa quảng cáo, rao vặt trái quy định trên tuyến phố của trường mình", true],
    ],
  }),
  card({
    templateId: "tpl-review",
    section: "II.2",
    category: "review_report",
    criteria: ALL,
    title: "Tổng kết đánh giá 01 năm, đề xuất biểu dương, khen thưởng",
    description:
      "Tổ chức tổng kết đánh giá 01 năm thực hiện phong trào thi đua, đề xuất biểu dương, khen thưởng đối với các tập thể, cá nhân có thành tích xuất sắc gửi về Ủy ban nhân dân quận, Sở GD&ĐT để tổng hợp và báo cáo Ủy ban nhân dân thành phố.",
    dueDate: "2023-11-30",
    checklist: [
      ["Tổ chức tổng kết đánh giá 01 năm thực hiện phong trào thi đua", true],
      ["Đề xuất biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc", true],
    ],
  }),
  card({
    templateId: "tpl-report",
    section: "III.2",
    category: "review_report",
    criteria: ALL,
    title: "Báo cáo kết quả thực hiện về Phòng GD&ĐT",
    description: "Tổng hợp báo cáo kết quả thực hiện về Phòng GD&ĐT trước ngày 05/12/2023.",
    // "Trước ngày 05/12": the 4th is the last day a report is on time.
    dueDate: "2023-12-04",
    checklist: [
      ["Tổng hợp kết quả thực hiện phong trào của trường", false],
      ["Gửi báo cáo kết quả thực hiện về Phòng GD&ĐT", true],
    ],
  }),
];
