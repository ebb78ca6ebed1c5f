<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
    <context>
        <name>ActivationCodeDialog</name>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="45" />
            <source>Register a kiosk</source>
            <translation>키오스크 등록</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="50" />
            <source>Close</source>
            <translation>닫기</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="67" />
            <source>e.g. Entrance kiosk</source>
            <translation>예: 입구 키오스크</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="70" />
            <source>Kiosk (checkout touchscreen)</source>
            <translation>키오스크 (계산용 터치스크린)</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="71" />
            <source>Vision worker (cameras)</source>
            <translation>비전 서버 (CCTV 카메라)</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="72" />
            <source>Create one-time code</source>
            <translation>일회용 코드 만들기</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="80" />
            <source>Name</source>
            <translation>이름</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="82" />
            <source>Device</source>
            <translation>기기</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="87" />
            <source>The code works once, for a few minutes. Type it on the new kiosk's activation screen or scan the QR code.</source>
            <translation>코드는 몇 분 동안 한 번만 쓸 수 있습니다. 새 키오스크의 활성화 화면에 입력하거나 QR 코드를 스캔하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="108" />
            <source>New code</source>
            <translation>새 코드</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="116" />
            <source>One-time code</source>
            <translation>일회용 코드</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="163" />
            <source>Waiting for the kiosk to use this code…</source>
            <translation>키오스크가 이 코드를 입력하기를 기다리는 중…</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="183" />
            <source>Expires in %1</source>
            <translation>%1 후 만료</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="190" />
            <source>This code has expired.</source>
            <translation>이 코드는 만료되었습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="191" />
            <source>Create a new code to try again.</source>
            <translation>새 코드를 만들어 다시 시도하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="205" />
            <source>Activated: %1 is now registered to this store.</source>
            <translation>활성화 완료: %1이(가) 이 매장에 등록되었습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/devices/code_dialog.py" line="208" />
            <source>Done</source>
            <translation>완료</translation>
        </message>
    </context>
    <context>
        <name>AlertDetail</name>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="112" />
            <location filename="../../work/main/owner_app/alerts/detail.py" line="150" />
            <source>No snapshot</source>
            <translation>스냅샷 없음</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="115" />
            <source>Loading clip…</source>
            <translation>영상 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="115" />
            <source>No clip</source>
            <translation>영상 없음</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="117" />
            <source>Alert</source>
            <translation>알림</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="124" />
            <source>Severity: %1</source>
            <translation>심각도: %1</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="125" />
            <source>Confidence: %1%</source>
            <translation>신뢰도: %1%</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="126" />
            <source>Started: %1</source>
            <translation>시작: %1</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="129" />
            <source>Media removed after the retention period</source>
            <translation>보관 기간이 지나 미디어가 삭제됨</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="133" />
            <source>Note</source>
            <translation>메모</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="157" />
            <source>The clip could not be loaded</source>
            <translation>영상을 불러오지 못했습니다</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="180" />
            <source>Acknowledge</source>
            <translation>확인</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="181" />
            <source>Resolve</source>
            <translation>해결</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="182" />
            <source>False alarm</source>
            <translation>오탐</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="183" />
            <source>Note (optional), e.g. what was done</source>
            <translation>메모 (선택), 예: 조치 내용</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="184" />
            <source>History</source>
            <translation>기록</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/detail.py" line="185" />
            <source>Choose an alert to see its snapshot and clip</source>
            <translation>알림을 선택하면 스냅샷과 영상을 볼 수 있습니다</translation>
        </message>
    </context>
    <context>
        <name>AlertFilterBar</name>
        <message>
            <location filename="../../work/main/owner_app/alerts/filters.py" line="80" />
            <source>All cameras</source>
            <translation>모든 카메라</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/filters.py" line="95" />
            <source>Show</source>
            <translation>표시</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/filters.py" line="97" />
            <source>All types</source>
            <translation>모든 유형</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/filters.py" line="101" />
            <source>Any status</source>
            <translation>모든 상태</translation>
        </message>
    </context>
    <context>
        <name>AlertListModel</name>
        <message>
            <location filename="../../work/main/owner_app/alerts/model.py" line="26" />
            <source>Alert</source>
            <translation>알림</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/model.py" line="27" />
            <source>Camera</source>
            <translation>카메라</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/model.py" line="28" />
            <source>Severity</source>
            <translation>심각도</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/model.py" line="29" />
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/model.py" line="30" />
            <source>Started</source>
            <translation>시작</translation>
        </message>
    </context>
    <context>
        <name>AlertWords</name>
        <message>
            <location filename="../../work/main/owner_app/alerts/words.py" line="11" />
            <source>New</source>
            <translation>신규</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/words.py" line="12" />
            <source>Acknowledged</source>
            <translation>확인됨</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/words.py" line="13" />
            <source>Resolved</source>
            <translation>해결됨</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/words.py" line="14" />
            <source>False alarm</source>
            <translation>오탐</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/words.py" line="17" />
            <source>OK</source>
            <translation>정상</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/words.py" line="18" />
            <source>Degraded</source>
            <translation>저하</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/words.py" line="19" />
            <source>Reconnecting</source>
            <translation>재연결 중</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/words.py" line="20" />
            <source>Offline</source>
            <translation>오프라인</translation>
        </message>
    </context>
    <context>
        <name>AlertsPage</name>
        <message>
            <location filename="../../work/main/owner_app/pages/alerts.py" line="151" />
            <source>%1 alerts · %2 new</source>
            <translation>알림 %1건 · 신규 %2건</translation>
        </message>
    </context>
    <context>
        <name>BrandCard</name>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="109" />
            <source>Brand comparison · 30 days</source>
            <translation>브랜드 비교 · 최근 30일</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="119" />
            <source>Only owners compare stores.</source>
            <translation>매장 비교는 점주만 볼 수 있습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="119" />
            <source>Not available.</source>
            <translation>볼 수 없습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="126" />
            <source>This store has no sales in the last 30 days.</source>
            <translation>이 매장은 최근 30일 매출이 없습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="129" />
            <source>Rank %1 of %2</source>
            <translation>%2개 매장 중 %1위</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="133" />
            <source>%1 in 30 days · brand average %2 (%3)</source>
            <translation>30일 매출 %1 · 브랜드 평균 %2 (%3)</translation>
        </message>
    </context>
    <context>
        <name>CameraList</name>
        <message>
            <location filename="../../work/main/owner_app/alerts/cameras.py" line="45" />
            <source>(not heard from lately)</source>
            <translation>(최근 응답 없음)</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/cameras.py" line="61" />
            <source>%1 cameras</source>
            <translation>카메라 %1대</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/cameras.py" line="68" />
            <source>Cameras</source>
            <translation>카메라</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/cameras.py" line="70" />
            <source>Camera</source>
            <translation>카메라</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/cameras.py" line="70" />
            <source>Health</source>
            <translation>상태</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/cameras.py" line="70" />
            <source>Watches for</source>
            <translation>감지 항목</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/cameras.py" line="70" />
            <source>Not watched, and why</source>
            <translation>감지하지 않는 항목과 이유</translation>
        </message>
    </context>
    <context>
        <name>ClipPlayer</name>
        <message>
            <location filename="../../work/main/owner_app/alerts/player.py" line="91" />
            <source>Pause</source>
            <translation>일시정지</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/alerts/player.py" line="91" />
            <source>Play</source>
            <translation>재생</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="167" />
            <source>Sales today</source>
            <translation>오늘 매출</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="168" />
            <source>Orders today</source>
            <translation>오늘 주문</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="169" />
            <location filename="../../owner_app/pages/dashboard.py" line="172" />
            <source>Open alerts</source>
            <translation>미확인 알림</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="170" />
            <source>Kiosks online</source>
            <translation>온라인 키오스크</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="171" />
            <source>Last 7 days</source>
            <translation>최근 7일 매출</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="173" />
            <source>Low stock</source>
            <translation>재고 부족</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="174" />
            <source>Kiosks</source>
            <translation>키오스크</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="175" />
            <source>Alert</source>
            <translation>알림</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="175" />
            <source>Camera</source>
            <translation>카메라</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="175" />
            <source>When</source>
            <translation>시각</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="177" />
            <source>Product</source>
            <translation>상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="177" />
            <source>On hand</source>
            <translation>재고</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="177" />
            <source>Reorder at</source>
            <translation>발주점</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="177" />
            <source>Shelf</source>
            <translation>진열 위치</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="180" />
            <source>Kiosk</source>
            <translation>키오스크</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="180" />
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="180" />
            <source>Last heartbeat</source>
            <translation>마지막 신호</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="180" />
            <source>Version</source>
            <translation>버전</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="190" />
            <source>Yesterday %1</source>
            <translation>어제 %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="193" />
            <source>Average basket %1</source>
            <translation>객단가 %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="196" />
            <source>Waiting for review</source>
            <translation>확인 대기 중</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="196" />
            <source>All clear</source>
            <translation>이상 없음</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="202" />
            <source>%1 offline</source>
            <translation>%1대 오프라인</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="204" />
            <source>No kiosks yet</source>
            <translation>등록된 키오스크 없음</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="208" />
            <source>Today</source>
            <translation>오늘</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="212" />
            <source>%1 orders</source>
            <translation>주문 %1건</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="217" />
            <source>Live · updated %1</source>
            <translation>실시간 · %1 업데이트</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="217" />
            <source>Offline · last updated %1</source>
            <translation>오프라인 · 마지막 업데이트 %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="233" />
            <source>none</source>
            <translation>없음</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="246" />
            <source>%1 at or below reorder level · %2 empty</source>
            <translation>발주점 이하 %1개 · 품절 %2개</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="252" />
            <source>Online</source>
            <translation>온라인</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="252" />
            <source>Offline</source>
            <translation>오프라인</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="260" />
            <source>none registered</source>
            <translation>등록된 기기 없음</translation>
        </message>
    </context>
    <context>
        <name>DevicesPage</name>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="110" />
            <source>Revoked</source>
            <translation>해지됨</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="112" />
            <source>Online</source>
            <translation>온라인</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="114" />
            <source>Offline</source>
            <translation>오프라인</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="115" />
            <source>Kiosk</source>
            <translation>키오스크</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="115" />
            <source>Vision</source>
            <translation>비전</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="137" />
            <source>%1 devices · %2 online</source>
            <translation>기기 %1대 · 온라인 %2대</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="171" />
            <source>Revoke device</source>
            <translation>기기 해지</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="172" />
            <source>Revoke %1? It is signed out at once and needs a new code to come back.</source>
            <translation>%1을(를) 해지할까요? 즉시 로그아웃되며, 다시 쓰려면 새 코드가 필요합니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="199" />
            <source>Register kiosk</source>
            <translation>키오스크 등록</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="200" />
            <source>Revoke</source>
            <translation>해지</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="203" />
            <source>Name</source>
            <translation>이름</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="204" />
            <source>Type</source>
            <translation>종류</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="205" />
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="206" />
            <source>Last seen</source>
            <translation>마지막 접속</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="207" />
            <source>Version</source>
            <translation>버전</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="208" />
            <source>Unsent sales</source>
            <translation>미전송 판매</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="209" />
            <source>Registered</source>
            <translation>등록일</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../owner_app/errors.py" line="27" />
            <source>The server did not answer in time. Try again in a moment.</source>
            <translation>서버가 제때 응답하지 않았습니다. 잠시 후 다시 시도하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/errors.py" line="30" />
            <source>Cannot reach the server. Check the address and that the backend is running.</source>
            <translation>서버에 연결할 수 없습니다. 주소와 백엔드 실행 여부를 확인하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/errors.py" line="35" />
            <source>Wrong e-mail or password.</source>
            <translation>이메일 또는 비밀번호가 올바르지 않습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/errors.py" line="36" />
            <source>Your session has ended. Sign in again.</source>
            <translation>로그인이 만료되었습니다. 다시 로그인하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/errors.py" line="38" />
            <source>Your role does not allow this.</source>
            <translation>현재 권한으로는 할 수 없는 작업입니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/errors.py" line="40" />
            <source>Too many attempts. Try again in a moment.</source>
            <translation>시도가 너무 많습니다. 잠시 후 다시 시도하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/errors.py" line="42" />
            <source>The server had a problem. Try again later.</source>
            <translation>서버에 문제가 생겼습니다. 나중에 다시 시도하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/errors.py" line="51" />
            <source>The file could not be read or written: %1</source>
            <translation>파일을 읽거나 쓸 수 없습니다: %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/errors.py" line="54" />
            <source>Something went wrong (%1).</source>
            <translation>문제가 발생했습니다 (%1).</translation>
        </message>
    </context>
    <context>
        <name>Forecast</name>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="83" />
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="84" />
            <source>Product</source>
            <translation>상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="85" />
            <source>Supplier</source>
            <translation>공급처</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="86" />
            <source>On hand</source>
            <translation>현재고</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="87" />
            <source>Reorder point</source>
            <translation>재주문점</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="88" />
            <source>Order by</source>
            <translation>주문 기한</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="89" />
            <source>ABC/XYZ</source>
            <translation>ABC/XYZ</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="90" />
            <source>MASE</source>
            <translation>MASE</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="91" />
            <source>Order qty</source>
            <translation>주문 수량</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="92" />
            <source>Line total</source>
            <translation>금액</translation>
        </message>
        <message>
            <location filename="../../owner_app/forecast/reorder.py" line="137" />
            <source>Backtest error against a seasonal naive forecast: below 1 beats it, above 1 does not.</source>
            <translation>백테스트 오차(지난주 같은 요일 예측 대비): 1 미만이면 그보다 낫고, 1 이상이면 그렇지 않습니다.</translation>
        </message>
    </context>
    <context>
        <name>ForecastPage</name>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="149" />
            <source>All products (total)</source>
            <translation>전체 상품 (합계)</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="154" />
            <source>%1 (total)</source>
            <translation>%1 (합계)</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="162" />
            <source>All suppliers</source>
            <translation>모든 공급처</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="164" />
            <source>(no supplier)</source>
            <translation>(공급처 없음)</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="188" />
            <source>No forecast yet: it is made every night, or now with the button.</source>
            <translation>아직 예측이 없습니다. 매일 밤 만들어지며, 버튼으로 지금 만들 수도 있습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="192" />
            <source>Forecast made %1</source>
            <translation>예측 생성: %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="194" />
            <source>Backtest accuracy: not enough history</source>
            <translation>백테스트 정확도: 이력 부족</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="196" />
            <source>beats</source>
            <translation>보다 나음</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="196" />
            <source>does not beat</source>
            <translation>보다 나쁨</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="197" />
            <source>Backtest MASE %1 (%2 a same-weekday-last-week guess)</source>
            <translation>백테스트 MASE %1 (지난주 같은 요일 예측%2)</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="200" />
            <source>%1 products to order soon</source>
            <translation>곧 주문할 상품 %1개</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="206" />
            <source>Export purchase order draft</source>
            <translation>발주서 초안 내보내기</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="215" />
            <source>Purchase order draft, %1</source>
            <translation>발주서 초안, %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="224" />
            <source>Exported %1 order lines to %2.</source>
            <translation>주문 %1줄을 %2에 내보냈습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="243" />
            <source>Projected stock</source>
            <translation>예상 재고</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="244" />
            <source>Reorder point</source>
            <translation>재주문점</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="246" />
            <source>Demand forecast</source>
            <translation>수요 예측</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="247" />
            <source>Grey: units sold a day · blue: forecast, shaded 80% and 95% intervals.</source>
            <translation>회색: 일별 판매량 · 파랑: 예측, 음영은 80%와 95% 구간.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="248" />
            <source>Lower plot: stock if nothing is ordered, dashed: reorder point, red: order by.</source>
            <translation>아래 그래프: 주문하지 않을 때의 재고, 점선: 재주문점, 빨강: 주문 기한.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="249" />
            <source>Wheel zooms, drag pans.</source>
            <translation>휠로 확대, 드래그로 이동.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="250" />
            <source>To order soon</source>
            <translation>곧 주문할 상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="251" />
            <source>Reset zoom</source>
            <translation>확대 초기화</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="252" />
            <source>Forecast now</source>
            <translation>지금 예측</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="253" />
            <source>Export CSV</source>
            <translation>CSV 내보내기</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="254" />
            <source>Export XLSX</source>
            <translation>XLSX 내보내기</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="48" />
            <source>Stock history</source>
            <translation>재고 이력</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="51" />
            <source>Loading…</source>
            <translation>불러오는 중…</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="55" />
            <source>When</source>
            <translation>시각</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="56" />
            <source>Why</source>
            <translation>사유</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="57" />
            <source>Change</source>
            <translation>변동</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="58" />
            <source>After</source>
            <translation>변동 후</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="59" />
            <source>By</source>
            <translation>처리자</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="60" />
            <source>Note</source>
            <translation>메모</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="67" />
            <source>Load older</source>
            <translation>이전 기록 더 보기</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="83" />
            <source>Sale</source>
            <translation>판매</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="84" />
            <source>Refund</source>
            <translation>환불</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="85" />
            <source>Receipt</source>
            <translation>입고</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="86" />
            <source>Count</source>
            <translation>실사</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="87" />
            <source>Correction</source>
            <translation>조정</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="127" />
            <source>%1 of %2 movements</source>
            <translation>전체 %2건 중 %1건</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/history_dialog.py" line="131" />
            <source>No movements yet.</source>
            <translation>아직 변동 기록이 없습니다.</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="36" />
            <source>Import stock figures</source>
            <translation>재고 파일 가져오기</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="42" />
            <source>Line</source>
            <translation>행</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="42" />
            <location filename="../../owner_app/inventory/import_dialog.py" line="92" />
            <source>SKU</source>
            <translation>상품코드</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="42" />
            <source>Change</source>
            <translation>변동</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="42" />
            <source>Result</source>
            <translation>결과</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="62" />
            <source>Apply</source>
            <translation>적용</translation>
        </message>
        <message numerus="yes">
            <location filename="../../owner_app/inventory/import_dialog.py" line="69" />
            <source>Apply %n row(s)</source>
            <translation>
                <numerusform>%n개 행 적용</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="74" />
            <source>%1 rows change stock, %2 have errors and will be skipped, %3 change nothing.</source>
            <translation>%1개 행이 재고를 바꾸고, 오류가 있는 %2개 행은 건너뛰며, %3개 행은 변경이 없습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="88" />
            <source>on hand</source>
            <translation>재고</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="89" />
            <source>reorder level</source>
            <translation>발주점</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="90" />
            <source>price</source>
            <translation>가격</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="91" />
            <source>shelf</source>
            <translation>진열 위치</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="110" />
            <source>OK</source>
            <translation>정상</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="110" />
            <source>No change</source>
            <translation>변경 없음</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="116" />
            <source>No SKU in this row.</source>
            <translation>이 행에 상품코드가 없습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="117" />
            <source>No product with SKU %2 in this store.</source>
            <translation>이 매장에 상품코드 %2인 상품이 없습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="118" />
            <source>SKU %2 appears more than once; only its first row is used.</source>
            <translation>상품코드 %2이(가) 여러 번 나옵니다. 첫 행만 사용합니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="119" />
            <source>%1: '%2' is not a whole number.</source>
            <translation>%1: '%2'은(는) 정수가 아닙니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="120" />
            <source>%1: '%2' is negative.</source>
            <translation>%1: '%2'은(는) 음수입니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="121" />
            <source>%1: '%2' is too large.</source>
            <translation>%1: '%2'은(는) 너무 큽니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="122" />
            <source>%1: '%2' is longer than 40 characters.</source>
            <translation>%1: '%2'은(는) 40자를 넘습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="123" />
            <source>%1: your role cannot change this.</source>
            <translation>%1: 현재 권한으로는 바꿀 수 없습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="130" />
            <source>The file has no SKU column. The first row must name the columns (sku, quantity, …).</source>
            <translation>파일에 상품코드(sku) 열이 없습니다. 첫 행에 열 이름(sku, quantity, …)이 있어야 합니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="133" />
            <source>The file is empty.</source>
            <translation>파일이 비어 있습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/import_dialog.py" line="134" />
            <source>The file could not be read: %1</source>
            <translation>파일을 읽을 수 없습니다: %1</translation>
        </message>
    </context>
    <context>
        <name>InventoryFiles</name>
        <message>
            <location filename="../../owner_app/inventory/files.py" line="35" />
            <source>Import stock figures</source>
            <translation>재고 파일 가져오기</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/files.py" line="45" />
            <source>The file could not be read: %1</source>
            <translation>파일을 읽을 수 없습니다: %1</translation>
        </message>
        <message numerus="yes">
            <location filename="../../owner_app/inventory/files.py" line="62" />
            <source>Import %n row(s)</source>
            <translation>
                <numerusform>%n개 행 가져오기</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/files.py" line="68" />
            <source>%1 row(s) imported as unsaved edits; %2 skipped. Check them, then Save.</source>
            <translation>%1개 행을 저장 전 수정으로 가져왔고 %2개 행은 건너뛰었습니다. 확인한 뒤 저장하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/files.py" line="77" />
            <source>Export inventory</source>
            <translation>재고 내보내기</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/files.py" line="94" />
            <source>Exported %1 product(s) to %2.</source>
            <translation>상품 %1개를 %2(으)로 내보냈습니다.</translation>
        </message>
    </context>
    <context>
        <name>InventoryModel</name>
        <message>
            <location filename="../../owner_app/inventory/columns.py" line="37" />
            <source>SKU</source>
            <translation>상품코드</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/columns.py" line="38" />
            <source>Product</source>
            <translation>상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/columns.py" line="39" />
            <source>Category</source>
            <translation>분류</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/columns.py" line="40" />
            <source>On hand</source>
            <translation>재고</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/columns.py" line="43" />
            <source>Reorder at</source>
            <translation>발주점</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/columns.py" line="48" />
            <source>Price</source>
            <translation>가격</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/columns.py" line="50" />
            <source>Shelf</source>
            <translation>진열 위치</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/columns.py" line="52" />
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/model.py" line="194" />
            <source>Out of stock</source>
            <translation>품절</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/model.py" line="196" />
            <source>Low</source>
            <translation>부족</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/model.py" line="198" />
            <source>OK</source>
            <translation>정상</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/model.py" line="215" />
            <source>Saved value: %1</source>
            <translation>저장된 값: %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/model.py" line="240" />
            <source>%1 of %2</source>
            <translation>%2의 %1</translation>
        </message>
    </context>
    <context>
        <name>InventoryPage</name>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="104" />
            <source>Loading…</source>
            <translation>불러오는 중…</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="175" />
            <source>Discard changes</source>
            <translation>변경 취소</translation>
        </message>
        <message numerus="yes">
            <location filename="../../owner_app/pages/inventory.py" line="176" />
            <source>Discard %n unsaved change(s)?</source>
            <translation>
                <numerusform>저장하지 않은 변경 %n건을 버릴까요?</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="190" />
            <source>Select a product to see its stock history.</source>
            <translation>재고 이력을 볼 상품을 선택하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="217" />
            <source>Save changes (%1)</source>
            <translation>변경 저장 (%1)</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="217" />
            <source>Save</source>
            <translation>저장</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="231" />
            <source>%1 of %2 products · %3 low · %4 out of stock</source>
            <translation>상품 %2개 중 %1개 표시 · 부족 %3 · 품절 %4</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="235" />
            <source>read-only while offline</source>
            <translation>오프라인 중에는 읽기 전용</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="237" />
            <source>your role can view stock but not change it</source>
            <translation>현재 권한으로는 재고를 볼 수만 있습니다</translation>
        </message>
    </context>
    <context>
        <name>InventoryToolbar</name>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="120" />
            <source>Search SKU, name or category</source>
            <translation>상품코드, 상품명, 분류 검색</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="122" />
            <source>All products</source>
            <translation>전체 상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="123" />
            <source>Low stock</source>
            <translation>재고 부족</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="124" />
            <source>Out of stock</source>
            <translation>품절</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="125" />
            <source>Edited</source>
            <translation>수정한 상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="129" />
            <source>History</source>
            <translation>이력</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="130" />
            <source>Import</source>
            <translation>가져오기</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="131" />
            <source>Export</source>
            <translation>내보내기</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="132" />
            <source>Undo</source>
            <translation>실행 취소</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="133" />
            <source>Redo</source>
            <translation>다시 실행</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/view.py" line="134" />
            <source>Discard</source>
            <translation>변경 버리기</translation>
        </message>
    </context>
    <context>
        <name>KioskSplitCard</name>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="76" />
            <source>By kiosk</source>
            <translation>키오스크별</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="78" />
            <source>Kiosk</source>
            <translation>키오스크</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="78" />
            <source>Orders</source>
            <translation>주문</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="78" />
            <source>Revenue</source>
            <translation>매출</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="78" />
            <source>Share</source>
            <translation>비중</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="87" />
            <source>No kiosk recorded</source>
            <translation>기기 기록 없음</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="92" />
            <source>No sales in this range</source>
            <translation>이 기간에 판매가 없습니다</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="9" />
            <source>Theft</source>
            <translation>도난</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="10" />
            <source>Damage</source>
            <translation>파손</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="11" />
            <source>Fall</source>
            <translation>쓰러짐</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="12" />
            <source>Fire</source>
            <translation>화재</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="13" />
            <source>Smoke</source>
            <translation>연기</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="14" />
            <source>Smoking</source>
            <translation>흡연</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="15" />
            <source>Loitering</source>
            <translation>배회</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="16" />
            <source>Intrusion</source>
            <translation>침입</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="19" />
            <source>low</source>
            <translation>낮음</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="20" />
            <source>medium</source>
            <translation>보통</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="21" />
            <source>high</source>
            <translation>높음</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="22" />
            <source>critical</source>
            <translation>긴급</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="25" />
            <source>Owner</source>
            <translation>점주</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="26" />
            <source>Staff</source>
            <translation>직원</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/labels.py" line="27" />
            <source>Support</source>
            <translation>지원 담당</translation>
        </message>
    </context>
    <context>
        <name>LoginPage</name>
        <message>
            <location filename="../../owner_app/login.py" line="119" />
            <source>AutoStore for owners</source>
            <translation>점주를 위한 오토스토어</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="122" />
            <source>Sales, stock and kiosks of every store you run, live. Edit stock in bulk, compare your stores and register new kiosks in a minute.</source>
            <translation>운영하는 모든 매장의 매출, 재고, 키오스크를 실시간으로. 재고를 한 번에 수정하고, 매장을 비교하고, 새 키오스크를 1분 만에 등록하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="126" />
            <location filename="../../owner_app/login.py" line="146" />
            <source>Sign in</source>
            <translation>로그인</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="127" />
            <source>Use the account your brand gave you: owner, staff or support.</source>
            <translation>브랜드에서 받은 계정(점주, 직원, 지원 담당)으로 로그인하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="128" />
            <source>Server address</source>
            <translation>서버 주소</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="129" />
            <source>E-mail</source>
            <translation>이메일</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="130" />
            <source>Password</source>
            <translation>비밀번호</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="134" />
            <source>This computer has no OS keyring, so you will be asked to sign in each time.</source>
            <translation>이 컴퓨터에는 OS 키링이 없어 매번 로그인해야 합니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="139" />
            <source>You stay signed in on this computer until you sign out (kept in the OS keyring).</source>
            <translation>로그아웃할 때까지 이 컴퓨터에서 로그인 상태가 유지됩니다 (OS 키링에 보관).</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="146" />
            <source>Signing in…</source>
            <translation>로그인 중…</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="159" />
            <source>The server address starts with http:// or https://.</source>
            <translation>서버 주소는 http:// 또는 https://로 시작해야 합니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/login.py" line="161" />
            <source>Enter your e-mail and password.</source>
            <translation>이메일과 비밀번호를 입력하세요.</translation>
        </message>
    </context>
    <context>
        <name>Notifier</name>
        <message>
            <location filename="../../owner_app/notifications.py" line="48" />
            <source>New alert: %1</source>
            <translation>새 알림: %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/notifications.py" line="50" />
            <source>%1 · camera %2 · %3</source>
            <translation>%1 · 카메라 %2 · %3</translation>
        </message>
        <message>
            <location filename="../../owner_app/notifications.py" line="57" />
            <source>Low stock: %1</source>
            <translation>재고 부족: %1</translation>
        </message>
        <message>
            <location filename="../../owner_app/notifications.py" line="58" />
            <source>%1 · %2 left (reorder at %3)</source>
            <translation>%1 · %2개 남음 (발주점 %3)</translation>
        </message>
    </context>
    <context>
        <name>OwnerWindow</name>
        <message>
            <location filename="../../owner_app/window.py" line="91" />
            <source>Signing you in…</source>
            <translation>로그인하는 중…</translation>
        </message>
        <message>
            <location filename="../../owner_app/window.py" line="117" />
            <source>This account has no store to look after yet.</source>
            <translation>이 계정에 연결된 매장이 아직 없습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/window.py" line="136" />
            <source>Signed in to %1</source>
            <translation>%1에 로그인했습니다</translation>
        </message>
        <message>
            <location filename="../../owner_app/window.py" line="210" />
            <source>AutoStore Owner</source>
            <translation>오토스토어 점주용</translation>
        </message>
        <message>
            <location filename="../../owner_app/window.py" line="221" />
            <source>Quit and discard them?</source>
            <translation>종료하고 변경을 버릴까요?</translation>
        </message>
    </context>
    <context>
        <name>Pages</name>
        <message>
            <location filename="../../owner_app/pages/dashboard.py" line="85" />
            <source>Dashboard</source>
            <translation>대시보드</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/devices.py" line="45" />
            <source>Devices</source>
            <translation>기기</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/inventory.py" line="38" />
            <source>Inventory</source>
            <translation>재고</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/products.py" line="41" />
            <source>Products</source>
            <translation>상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="56" />
            <source>Sales</source>
            <translation>매출</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/forecast.py" line="46" />
            <source>Forecast</source>
            <translation>수요 예측</translation>
        </message>
        <message>
            <location filename="../../work/main/owner_app/pages/alerts.py" line="51" />
            <source>Alerts</source>
            <translation>알림</translation>
        </message>
    </context>
    <context>
        <name>ProductEditor</name>
        <message>
            <location filename="../../owner_app/products/editor.py" line="55" />
            <source>Edit product</source>
            <translation>상품 수정</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="55" />
            <source>New product</source>
            <translation>새 상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="60" />
            <source>No category</source>
            <translation>분류 없음</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="67" />
            <source> won</source>
            <translation>원</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="68" />
            <source>Age-restricted (19+): the kiosk asks for ID</source>
            <translation>연령 제한 (19세 이상): 키오스크에서 신분증 확인</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="69" />
            <source>On sale at the kiosks</source>
            <translation>키오스크에서 판매 중</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="86" />
            <source>SKU</source>
            <translation>상품코드</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="87" />
            <source>Barcode</source>
            <translation>바코드</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="88" />
            <source>Name (Korean)</source>
            <translation>상품명 (한국어)</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="89" />
            <source>Name (English)</source>
            <translation>상품명 (영어)</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="90" />
            <source>Category</source>
            <translation>분류</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="91" />
            <source>Price</source>
            <translation>가격</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="92" />
            <source>Image address</source>
            <translation>이미지 주소</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="134" />
            <location filename="../../owner_app/products/editor.py" line="220" />
            <source>No image</source>
            <translation>이미지 없음</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="167" />
            <source>Required.</source>
            <translation>필수 항목입니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="169" />
            <source>Fill in the marked fields.</source>
            <translation>표시된 항목을 입력하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="185" />
            <source>Saving…</source>
            <translation>저장 중…</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="194" />
            <source>Save</source>
            <translation>저장</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="199" />
            <source>Someone else changed this product meanwhile. Close and open it again to see their change.</source>
            <translation>그사이 다른 사람이 이 상품을 변경했습니다. 닫았다가 다시 열어 변경 내용을 확인하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="222" />
            <source>Loading image…</source>
            <translation>이미지 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="235" />
            <source>This file is not an image Qt can show.</source>
            <translation>표시할 수 없는 이미지 형식입니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="245" />
            <source>As the kiosks will show it.</source>
            <translation>키오스크에 이렇게 표시됩니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/editor.py" line="249" />
            <source>The image could not be loaded: %1</source>
            <translation>이미지를 불러올 수 없습니다: %1</translation>
        </message>
    </context>
    <context>
        <name>ProductsModel</name>
        <message>
            <location filename="../../owner_app/products/model.py" line="24" />
            <source>SKU</source>
            <translation>상품코드</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="25" />
            <source>Name (Korean)</source>
            <translation>상품명 (한국어)</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="26" />
            <source>Name (English)</source>
            <translation>상품명 (영어)</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="27" />
            <source>Category</source>
            <translation>분류</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="28" />
            <source>Price</source>
            <translation>가격</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="29" />
            <source>Age check</source>
            <translation>연령 확인</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="30" />
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="126" />
            <source>19+</source>
            <translation>19세 이상</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="127" />
            <source>On sale</source>
            <translation>판매 중</translation>
        </message>
        <message>
            <location filename="../../owner_app/products/model.py" line="129" />
            <source>Hidden</source>
            <translation>숨김</translation>
        </message>
    </context>
    <context>
        <name>ProductsPage</name>
        <message>
            <location filename="../../owner_app/pages/products.py" line="108" />
            <location filename="../../owner_app/pages/products.py" line="165" />
            <location filename="../../owner_app/pages/products.py" line="167" />
            <source>All categories</source>
            <translation>전체 분류</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/products.py" line="138" />
            <source>Saved %1.</source>
            <translation>%1을(를) 저장했습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/products.py" line="150" />
            <source>%1 of %2 products · %3 on sale</source>
            <translation>상품 %2개 중 %1개 표시 · 판매 중 %3개</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/products.py" line="160" />
            <source>Search SKU, name or barcode</source>
            <translation>상품코드, 상품명, 바코드 검색</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/products.py" line="161" />
            <source>Show hidden products</source>
            <translation>숨긴 상품 표시</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/products.py" line="162" />
            <source>New product</source>
            <translation>새 상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/products.py" line="163" />
            <source>Edit</source>
            <translation>수정</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/products.py" line="163" />
            <source>View</source>
            <translation>보기</translation>
        </message>
    </context>
    <context>
        <name>SalesPage</name>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="165" />
            <source>The range ends before it starts.</source>
            <translation>기간의 끝이 시작보다 앞섭니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="166" />
            <source>Too many bars: choose a shorter range or a longer step.</source>
            <translation>막대가 너무 많습니다. 기간을 줄이거나 단위를 늘리세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="216" />
            <source>%1 orders</source>
            <translation>주문 %1건</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="219" />
            <source>Revenue per %1</source>
            <translation>%1별 매출</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="229" />
            <source>day</source>
            <translation>일</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="230" />
            <source>week</source>
            <translation>주</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="231" />
            <source>month</source>
            <translation>월</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="232" />
            <source>year</source>
            <translation>연도</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="242" />
            <source>Export sales</source>
            <translation>매출 내보내기</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="254" />
            <source>Exported %1 rows to %2.</source>
            <translation>%1개 행을 %2(으)로 내보냈습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="263" />
            <source>Day</source>
            <translation>일</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="263" />
            <source>Week</source>
            <translation>주</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="263" />
            <source>Month</source>
            <translation>월</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="263" />
            <source>Year</source>
            <translation>연</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="267" />
            <source>Last 30 days</source>
            <translation>최근 30일</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="268" />
            <source>Last 90 days</source>
            <translation>최근 90일</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="269" />
            <source>Last 12 months</source>
            <translation>최근 12개월</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="270" />
            <source>Last 5 years</source>
            <translation>최근 5년</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="274" />
            <source>Export CSV</source>
            <translation>CSV 내보내기</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="275" />
            <source>Revenue</source>
            <translation>매출</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="275" />
            <source>Orders</source>
            <translation>주문</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="275" />
            <source>Items sold</source>
            <translation>판매 수량</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="275" />
            <source>Average basket</source>
            <translation>객단가</translation>
        </message>
        <message>
            <location filename="../../owner_app/pages/sales.py" line="278" />
            <source>Sales</source>
            <translation>매출</translation>
        </message>
    </context>
    <context>
        <name>SaveFlow</name>
        <message numerus="yes">
            <location filename="../../owner_app/inventory/save_flow.py" line="34" />
            <source>Saving %n item(s)…</source>
            <translation>
                <numerusform>상품 %n개 저장 중…</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/save_flow.py" line="48" />
            <source>Saved: stock of %1 product(s), price of %2 product(s).</source>
            <translation>저장했습니다: 상품 %1개의 재고, 상품 %2개의 가격.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/save_flow.py" line="55" />
            <source>The stock of %1 product(s) was saved, but the prices were not: %2 They are still pending.</source>
            <translation>상품 %1개의 재고는 저장했지만 가격은 저장하지 못했습니다: %2 가격 수정은 그대로 남아 있습니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/save_flow.py" line="74" />
            <source> and %1 more</source>
            <translation> 외 %1개</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/save_flow.py" line="76" />
            <source>Nothing was saved: %1 item(s) changed since you loaded them (%2). The grid now shows the current figures with your edits on top; check the red rows and save again.</source>
            <translation>저장하지 않았습니다: 불러온 뒤 다른 사람이 상품 %1개를 변경했습니다 (%2). 표에 현재 값과 내 수정 내용을 함께 표시했습니다. 빨간 행을 확인한 뒤 다시 저장하세요.</translation>
        </message>
        <message>
            <location filename="../../owner_app/inventory/save_flow.py" line="85" />
            <source>Nothing was saved: %1</source>
            <translation>저장하지 않았습니다: %1</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="28" />
            <source>Settings</source>
            <translation>설정</translation>
        </message>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="35" />
            <source>Light</source>
            <translation>밝게</translation>
        </message>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="36" />
            <source>Dark</source>
            <translation>어둡게</translation>
        </message>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="38" />
            <source>New CCTV alerts</source>
            <translation>새 CCTV 알림</translation>
        </message>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="40" />
            <source>Products running low</source>
            <translation>재고 부족 상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="45" />
            <source>Language</source>
            <translation>언어</translation>
        </message>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="46" />
            <source>Theme</source>
            <translation>테마</translation>
        </message>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="47" />
            <source>Notify me of</source>
            <translation>알림 받기</translation>
        </message>
        <message>
            <location filename="../../owner_app/settings_dialog.py" line="49" />
            <source>Server</source>
            <translation>서버</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <location filename="../../owner_app/shell.py" line="186" />
            <source>Unsaved changes on: %1.</source>
            <translation>저장하지 않은 변경이 있습니다: %1.</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="187" />
            <source>Unsaved changes</source>
            <translation>저장하지 않은 변경</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="194" />
            <source>Switch store and discard them?</source>
            <translation>매장을 바꾸고 변경을 버릴까요?</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="200" />
            <source>Sign out and discard them?</source>
            <translation>로그아웃하고 변경을 버릴까요?</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="212" />
            <source>The server cannot be reached. You are seeing the last loaded data, read-only; the app reconnects by itself.</source>
            <translation>서버에 연결할 수 없습니다. 마지막으로 불러온 데이터를 읽기 전용으로 보여 주며, 연결되면 자동으로 복구됩니다.</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="220" />
            <source>Offline</source>
            <translation>오프라인</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="222" />
            <source>Live</source>
            <translation>실시간</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="224" />
            <source>Connecting…</source>
            <translation>연결 중…</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="247" />
            <source>Settings</source>
            <translation>설정</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="248" />
            <source>Sign out</source>
            <translation>로그아웃</translation>
        </message>
        <message>
            <location filename="../../owner_app/shell.py" line="249" />
            <source>Reload this page</source>
            <translation>이 페이지 새로 고침</translation>
        </message>
    </context>
    <context>
        <name>Time</name>
        <message>
            <location filename="../../owner_app/ui/formatting.py" line="40" />
            <source>never</source>
            <translation>없음</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/formatting.py" line="44" />
            <source>just now</source>
            <translation>방금</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/formatting.py" line="46" />
            <source>%1 min ago</source>
            <translation>%1분 전</translation>
        </message>
        <message>
            <location filename="../../owner_app/ui/formatting.py" line="50" />
            <source>%1 h ago</source>
            <translation>%1시간 전</translation>
        </message>
    </context>
    <context>
        <name>TopProductsCard</name>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="53" />
            <source>Top products</source>
            <translation>인기 상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="54" />
            <source>Product</source>
            <translation>상품</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="54" />
            <source>Sold</source>
            <translation>판매량</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="54" />
            <source>Revenue</source>
            <translation>매출</translation>
        </message>
        <message>
            <location filename="../../owner_app/sales/cards.py" line="66" />
            <source>No sales in this range</source>
            <translation>이 기간에 판매가 없습니다</translation>
        </message>
    </context>
</TS>