package corpus

import (
	"fmt"
	"math/rand/v2"
)

var (
	cities      = []string{"北京", "上海", "广州", "深圳", "杭州", "南京", "武汉", "成都", "西安", "青岛", "宁波", "苏州", "合肥", "长沙", "郑州", "天津"}
	agencyKinds = []string{"标准化技术研究院", "质量技术评价中心", "标准化协会", "产品质量检验研究院", "标准创新服务中心"}
	firmKinds   = []string{"电器股份有限公司", "科技有限公司", "实业集团有限公司", "智能装备有限公司", "制造有限公司"}
	products    = []string{"电冰箱", "洗衣机", "空调", "电视机", "热水器", "吸油烟机", "电饭锅", "微波炉", "净水器", "空气净化器",
		"扫地机器人", "燃气灶", "洗碗机", "电风扇", "吸尘器", "电动自行车", "智能门锁", "坐便器", "水嘴", "瓷砖", "涂料", "轮胎"}
	groupOrgs     = []string{"CAS", "CNIS", "CSTE", "CEEIA", "CHEAA"}
	planElements  = []string{"purpose", "scope", "indicators", "indicator_selection", "level_setting", "method_and_cycle", "enterprise_info", "ranking_mechanism", "leader_mechanism", "targets"}
	reportParts   = []string{"disclosure", "effectiveness", "indicator_analysis", "promotion", "publicity"}
	mgmtSystems   = []string{"GB/T 19001", "GB/T 24001", "GB/T 45001"}
	accidentKinds = []string{"environment", "safety", "quality"}
	badSeverities = []string{"larger", "major", "especially_major"}
	changeKinds   = []string{"revision", "change", "repeal", "nonconformity"}
)

// category returns a distinct product/service category name for every i.
func category(i int) string {
	name := products[i%len(products)]
	if round := i / len(products); round > 0 {
		name = fmt.Sprintf("%s（%d型）", name, round+1)
	}
	return name
}

// creditCodeChars are the 31 characters of a unified social credit code (GB 32100).
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCode returns a well-formed 18-character unified social credit code,
// with its check character, unique per serial for serials below 31^6.
func creditCode(rng *rand.Rand, serial int) string {
	code := make([]byte, 0, 18)
	code = append(code, '9', '1')
	for range 6 {
		code = append(code, byte('0'+rng.IntN(10)))
	}
	for range 3 {
		code = append(code, creditCodeChars[rng.IntN(31)])
	}
	for i := 5; i >= 0; i-- { // the serial, base 31, makes codes unique
		d := serial
		for range i {
			d /= 31
		}
		code = append(code, creditCodeChars[d%31])
	}
	return string(append(code, creditCodeCheck(code)))
}

// creditCodeCheck computes the 18th character: weights are 3^i mod 31.
func creditCodeCheck(first17 []byte) byte {
	sum, weight := 0, 1
	for _, c := range first17 {
		for v := range creditCodeChars {
			if creditCodeChars[v] == c {
				sum += v * weight
				break
			}
		}
		weight = weight * 3 % 31
	}
	return creditCodeChars[(31-sum%31)%31]
}
