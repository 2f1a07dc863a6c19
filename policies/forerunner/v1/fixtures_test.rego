# Test fixtures shared by the item, veto and result tests (a _test file: never part of a decision).
package forerunner.v1.fixtures_test

# example is the evidence document of evidence.md (total 78, core 34, level 4 through I-9).
example := {
	"schema_version": 1,
	"agency": {
		"id": "AG-0042",
		"name": "某某标准化技术研究院",
		"credit_code": "91110000XXXXXXXXXX",
	},
	"cycle": {
		"year": 2024,
		"start": "2024-01-01",
		"end": "2024-12-31",
	},
	"previous_cycle": {
		"rankings": 1,
		"leader_lists": 1,
	},
	"basic": {
		"fairness_findings": [],
		"fee_findings": [],
		"submission": {
			"deadline": "2024-12-20",
			"submitted_on": "2024-12-18",
		},
		"archive": {
			"archived": true,
			"retention_years": 3,
		},
		"spot_checks": [
			{
				"date": "2023-05-10",
				"problems_found": false,
				"reference": "市监抽〔2023〕12号",
			},
		],
		"work_report": {
			"submitted": true,
			"sections": [
				"disclosure",
				"effectiveness",
				"indicator_analysis",
				"promotion",
				"publicity",
			],
		},
	},
	"core": {
		"evaluation_plan": {
			"elements": [
				"purpose",
				"scope",
				"indicators",
				"indicator_selection",
				"level_setting",
				"method_and_cycle",
				"enterprise_info",
				"ranking_mechanism",
				"leader_mechanism",
				"targets",
			],
			"basis": "requirements",
		},
		"group_standards": [
			{
				"id": "T/CAS 801-2024",
				"title": "电冰箱领跑者评价要求",
				"role": "lead",
				"date": "2024-04-02",
			},
			{
				"id": "T/CAS 802-2024",
				"title": "洗衣机领跑者评价要求",
				"role": "participant",
				"date": "2024-06-11",
			},
		],
		"publications": [
			{
				"kind": "ranking",
				"date": "2024-06-30",
				"title": "2024年电冰箱企业标准排行榜",
			},
			{
				"kind": "leader_list",
				"date": "2024-11-30",
				"title": "2024年电冰箱企业标准领跑者名单",
			},
		],
		"listed_enterprises": [
			{
				"name": "某电器股份有限公司",
				"credit_code": "91440000XXXXXXXXXX",
				"accidents": [
					{
						"date": "2023-02-01",
						"kind": "safety",
						"severity": "general",
					},
				],
				"management_systems": [
					"GB/T 19001",
					"GB/T 24001",
					"GB/T 45001",
				],
				"serious_dishonesty_listed": false,
				"credit_report": {
					"provided": true,
					"complete": true,
					"entries_explained": true,
				},
				"spot_check_failures": [],
				"materials": {
					"enterprise_standard": true,
					"mass_production_proof": true,
					"commitment_letter": {
						"provided": true,
						"sealed": true,
						"names_models": true,
						"states_production_and_sales": true,
						"states_channels": true,
					},
				},
			},
		],
		"listed_standards": [
			{
				"code": "Q/XYZ 001-2024",
				"enterprise": "91440000XXXXXXXXXX",
				"gbt_1_1_conformant": true,
				"declared_on": "2024-03-01",
				"listed_on": "2024-11-30",
				"meets_plan_criteria": true,
				"stricter_than_national": true,
				"stricter_than_industry": true,
				"in_production": true,
				"valid_test_report": true,
				"changes": [
					{
						"kind": "revision",
						"occurred_on": "2024-09-27",
						"notified_on": "2024-10-09",
					},
				],
			},
		],
	},
	"encouraging": {
		"trainings": [
			{
				"date": "2024-03-15",
				"title": "领跑者标准宣贯会（广州）",
			},
		],
		"international": [
			{
				"standard": "T/CAS 801-2024",
				"outcome": "partially_adopted",
				"reference": "ISO/TC 59 N123",
			},
		],
		"certification": {
			"registered": true,
			"led_categories": [
				"电冰箱",
				"洗衣机",
			],
			"cooperated_categories": [
				"空调",
			],
		},
		"product_declarations": [
			{
				"model": "BCD-520W",
				"standard": "T/CAS 801-2024",
			},
		],
		"brand_evaluations": [
			{
				"category": "电冰箱",
				"plan": true,
				"pilot_completed": true,
			},
		],
	},
	"findings": {
		"false_information": [],
		"certification_fraud": [],
		"non_cooperation": [],
		"serious_misconduct": [],
	},
}

# patched sets the value at a JSON Pointer of doc.
patched(doc, path, value) := json.patch(doc, [{"op": "add", "path": path, "value": value}])

enterprise := example.core.listed_enterprises[0]

standard := example.core.listed_standards[0]
