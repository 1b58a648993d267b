"""Which rule of the extractor proposed an item: a code in the JSON (`rule`), and the words
a clerk reads on the review page beside the item, so a person (and a developer) sees why
it was proposed and where to look when it is wrong."""

RULE_LABELS = {
    "target_list": "mục có số liệu trong danh sách chỉ tiêu, mục tiêu",
    "target_prose": "câu cam kết có số liệu và thời hạn (ngoài danh sách chỉ tiêu)",
    "target_table": "dòng của bảng chỉ tiêu",
    "target_roadmap": "lộ trình theo năm dưới một câu dẫn (không gắn với chỉ tiêu nào trước đó)",
    "task_table": "dòng của bảng phân công nhiệm vụ",
    "task_prose": "câu giao việc cho một cơ quan (cơ quan là chủ ngữ, hoặc việc dưới tên cơ quan)",
    "task_duty": "nhiệm vụ của cơ quan trong phần tổ chức thực hiện",
    "task_appendix": "dòng phụ lục nhiệm vụ",
    "task_block": "việc có các dòng Cơ quan chủ trì / Thời gian thực hiện",
    "task_kind_list": "danh sách đề án, công trình trọng điểm, khâu đột phá",
    "task_dated": "việc có thời hạn",
    "task_movement": "thời gian phát động, sơ kết, tổng kết phong trào thi đua",
}
